import fs from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { approveTools } from "../../src/mcp/approve.js";
import type { McpGatewayConfig } from "../../src/mcp/config.js";
import { McpGateway } from "../../src/mcp/gateway.js";
import { POISONED_RESULT } from "../fixtures/mcp/tools.js";
import { setupConfig, stdioFixture } from "./setup.js";

const open: McpGateway[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((g) => g.close()));
});

async function setupGateway(config: McpGatewayConfig, approve = true) {
  const paths = setupConfig(config);
  const gateway = await McpGateway.open({ config: paths.configFile });
  open.push(gateway);
  if (approve) {
    approveTools(gateway);
    await gateway.refresh();
  }
  return { gateway, ...paths };
}

describe("McpGateway over stdio", () => {
  it("blocks every allowlisted tool until it is approved, and lists the rest as not allowed", async () => {
    const { gateway } = await setupGateway({ servers: { local: stdioFixture("stdio-server.ts") } }, false);
    const states = Object.fromEntries(gateway.states().map((s) => [s.tool, s.state]));
    expect(states).toEqual({
      add: "unpinned",
      big: "unpinned",
      broken: "unpinned",
      echo: "unpinned",
      shell: "not-allowed",
      weather: "unpinned",
    });
    await expect(gateway.call("local", "echo", { text: "hi" })).rejects.toMatchObject({
      code: "MCP_TOOL_BLOCKED",
    });
  });

  it("calls an approved tool and returns its text", async () => {
    const { gateway } = await setupGateway({ servers: { local: stdioFixture("stdio-server.ts") } });
    const result = await gateway.call("local", "add", { a: 2, b: 3 });
    expect(result.text).toBe("5");
    expect(result.flagged).toBe(false);
  });

  it("flags a poisoned result, returns it wrapped and records a finding", async () => {
    const { gateway } = await setupGateway({ servers: { local: stdioFixture("stdio-server.ts") } });
    const result = await gateway.call("local", "weather", { city: "Paris" });
    expect(result.flagged).toBe(true);
    expect(result.text).toContain(POISONED_RESULT);
    expect(result.text).toMatch(/^\[crosscheck: the result of MCP tool local\/weather was flagged/);
    expect(gateway.findings().map((f) => f.ruleId)).toEqual(["mcp.result-flagged"]);
  });
});
