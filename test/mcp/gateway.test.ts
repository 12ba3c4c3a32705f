import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { TraceRecorder } from "../../src/agents/model/trace-recorder.js";
import { sha256Hex } from "../../src/internal/sha256.js";
import { approveTools } from "../../src/mcp/approve.js";
import type { McpGatewayConfig } from "../../src/mcp/config.js";
import { McpGateway, type McpGatewayOptions } from "../../src/mcp/gateway.js";
import { readLock } from "../../src/mcp/pins.js";
import { POISONED_RESULT, RUGPULL_ECHO_DESCRIPTION } from "../fixtures/mcp/tools.js";
import { setupAuditLog, setupConfig, stdioFixture } from "./setup.js";

const open: McpGateway[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((g) => g.close()));
});

async function openGateway(options: McpGatewayOptions) {
  const gateway = await McpGateway.open(options);
  open.push(gateway);
  return gateway;
}

/** A gateway on the stdio fixture, every allowlisted tool approved unless `approve` is false. */
async function setupGateway(
  config: McpGatewayConfig,
  options: { approve?: boolean } & McpGatewayOptions = {},
) {
  const paths = setupConfig(config);
  const audit = setupAuditLog();
  const gateway = await openGateway({ ...options, config: paths.configFile, log: audit.log });
  if (options.approve !== false) {
    approveTools(gateway);
    await gateway.refresh();
  }
  return { gateway, audit, ...paths };
}

const local = () => ({ servers: { local: stdioFixture("stdio-server.ts") } });

describe("McpGateway over stdio", () => {
  it("blocks every allowlisted tool until it is approved, and lists the rest as not allowed", async () => {
    const { gateway, audit } = await setupGateway(local(), { approve: false });
    const states = Object.fromEntries(gateway.states().map((s) => [s.tool, s.state]));
    expect(states).toEqual({
      add: "unpinned",
      big: "unpinned",
      broken: "unpinned",
      echo: "unpinned",
      shell: "not-allowed",
      upgrade: "not-allowed",
      weather: "unpinned",
    });
    await expect(gateway.call("local", "echo", { text: "hi" })).rejects.toMatchObject({
      code: "MCP_TOOL_BLOCKED",
      message: expect.stringContaining("crosscheck mcp approve --server local --tool echo"),
    });
    const blocked = audit.events().filter((e) => e.kind === "mcp.blocked");
    // five at open (one per unpinned allowlisted tool) and one for the refused call
    expect(blocked.map((e) => e.payload["tool"])).toEqual([
      "add",
      "big",
      "broken",
      "echo",
      "weather",
      "echo",
    ]);
  });

  it("calls an approved tool, returns its text and records the call with commitments, not content", async () => {
    const { gateway, audit } = await setupGateway(local());
    const result = await gateway.call("local", "add", { a: 2, b: 3 });
    expect(result).toMatchObject({ text: "5", flagged: false, truncated: false, isError: false });
    const calls = audit.events().filter((e) => e.kind === "mcp.call");
    expect(calls).toHaveLength(1);
    expect(calls[0]?.payload).toMatchObject({
      server: "local",
      tool: "add",
      outcome: "ok",
      args: { sha256: sha256Hex(JSON.stringify({ a: 2, b: 3 })), size: 13 },
      result: { sha256: sha256Hex("5"), size: 1 },
    });
  });

  it("refuses to call a tool that is not on the allowlist", async () => {
    const { gateway } = await setupGateway(local());
    await expect(gateway.call("local", "shell", { command: "id" })).rejects.toMatchObject({
      code: "MCP_TOOL_BLOCKED",
      message: expect.stringContaining("not on the allowlist"),
    });
  });

  it("validates arguments against the pinned schema and never sends invalid ones", async () => {
    const { gateway, audit } = await setupGateway(local());
    await expect(gateway.call("local", "echo", { text: 42 })).rejects.toMatchObject({
      code: "MCP_TOOL_BLOCKED",
      message: expect.stringMatching(/do not match its pinned input schema: .*text.*string/),
    });
    await expect(gateway.call("local", "echo", { text: "x", extra: true })).rejects.toMatchObject({
      code: "MCP_TOOL_BLOCKED",
    });
    const after = audit.events().filter((e) => e.payload["reason"] !== "unpinned");
    expect(after.map((e) => [e.kind, e.payload["reason"]])).toEqual([
      ["mcp.blocked", "invalid-arguments"],
      ["mcp.blocked", "invalid-arguments"],
    ]);
  });

  it("flags a poisoned result, returns it wrapped and records a finding", async () => {
    const { gateway, audit } = await setupGateway(local());
    const result = await gateway.call("local", "weather", { city: "Paris" });
    expect(result.flagged).toBe(true);
    expect(result.text).toContain(POISONED_RESULT);
    expect(result.text).toMatch(/^\[crosscheck: the result of MCP tool local\/weather was flagged/);
    expect(result.finding).toMatchObject({
      ruleId: "mcp.result-flagged",
      location: { field: "mcp:local/weather" },
    });
    expect(gateway.findings().map((f) => f.ruleId)).toEqual(["mcp.result-flagged"]);
    const call = audit.events().find((e) => e.kind === "mcp.call");
    expect(call?.payload).toMatchObject({ outcome: "flagged", guard: { verdict: result.guard.verdict } });
    expect(result.guard.verdict).not.toBe("clean");
  });

  it("caps a long result on a character boundary and says so", async () => {
    const { gateway } = await setupGateway({
      servers: { local: { ...stdioFixture("stdio-server.ts"), limits: { maxResultBytes: 101 } } },
    });
    const result = await gateway.call("local", "big", { size: 1000 });
    // 500 two-byte characters; 101 bytes hold 50 of them (100 bytes)
    expect(result.text).toBe(
      `${"é".repeat(50)}\n[crosscheck: result truncated: 100 of 1000 bytes shown (limits.maxResultBytes = 101)]`,
    );
    expect(result).toMatchObject({ truncated: true, bytes: 1000 });
  });

  it("passes a tool's own error on as an error result", async () => {
    const { gateway, audit } = await setupGateway(local());
    const result = await gateway.call("local", "broken", {});
    expect(result).toMatchObject({ isError: true, text: "the backend is down" });
    expect(audit.events().find((e) => e.kind === "mcp.call")?.payload["outcome"]).toBe("tool-error");
  });

  it("records each call in the worker's trace", async () => {
    const { gateway } = await setupGateway(local());
    const recorder = new TraceRecorder("case-1");
    await recorder.run(async () => {
      await gateway.call("local", "add", { a: 1, b: 1 });
      await gateway.call("local", "echo", { text: 7 }).catch(() => undefined);
    });
    expect(recorder.events().map((e) => [e.kind, e.name, e.result ?? e.error])).toEqual([
      ["tool_call", "mcp:local/add", "2"],
      ["tool_call", "mcp:local/echo", expect.stringContaining("do not match its pinned input schema")],
    ]);
  });

  it("blocks a tool whose description changed between sessions until it is re-approved", async () => {
    const paths = setupConfig({ servers: {} });
    const variantFile = path.join(paths.dir, "variant");
    fs.writeFileSync(variantFile, "honest");
    const config = { servers: { local: stdioFixture("stdio-server.ts", [variantFile]) } };
    fs.writeFileSync(paths.configFile, JSON.stringify(config));
    const first = await openGateway({ config: paths.configFile });
    approveTools(first);
    const pinned = readLock(paths.lockFile).tools["local/echo"]?.sha256;
    await first.close();

    fs.writeFileSync(variantFile, "rugpull");
    const audit = setupAuditLog();
    const second = await openGateway({ config: paths.configFile, log: audit.log });
    const echo = second.states().find((s) => s.tool === "echo");
    expect(echo?.state).toBe("changed");
    expect(echo?.offered?.description).toBe(RUGPULL_ECHO_DESCRIPTION);
    await expect(second.call("local", "echo", { text: "hi" })).rejects.toMatchObject({
      code: "MCP_TOOL_BLOCKED",
      message: expect.stringContaining("possible rug pull"),
    });
    expect((await second.call("local", "add", { a: 1, b: 2 })).text).toBe("3");
    expect(audit.events().find((e) => e.kind === "mcp.blocked")?.payload).toMatchObject({
      tool: "echo",
      reason: "changed",
      pinnedSha256: pinned,
    });

    // The injection guard refuses the poisoned description without --force: nothing is written.
    const refused = approveTools(second, { tool: "echo" });
    expect(refused.refused.map((r) => r.state.tool)).toEqual(["echo"]);
    expect(refused.written).toBe(false);
    expect(readLock(paths.lockFile).tools["local/echo"]?.sha256).toBe(pinned);

    const forced = approveTools(second, { tool: "echo", force: true, log: audit.log });
    expect(forced.written).toBe(true);
    await second.refresh();
    expect(second.states().find((s) => s.tool === "echo")?.state).toBe("approved");
    expect(readLock(paths.lockFile).tools["local/echo"]).toMatchObject({ forced: true });
    expect(audit.events().find((e) => e.kind === "mcp.approved")?.payload).toMatchObject({
      tool: "echo",
      previousSha256: pinned,
      forced: true,
    });
  });
});

describe("McpGateway and a server that changes its tools mid-session", () => {
  it("re-lists the tools when the server announces a change, and blocks the changed ones", async () => {
    const { gateway, audit } = await setupGateway({
      servers: { local: stdioFixture("stdio-server.ts", [], ["echo", "add", "upgrade"]) },
    });
    expect((await gateway.call("local", "echo", { text: "before" })).text).toBe("before");
    const recorder = new TraceRecorder("case-1");
    await recorder.run(async () => {
      expect((await gateway.call("local", "upgrade", {})).text).toBe("upgraded");
      await expect(gateway.call("local", "echo", { text: "after" })).rejects.toMatchObject({
        code: "MCP_TOOL_BLOCKED",
        message: expect.stringContaining("possible rug pull"),
      });
    });
    // The re-listing notes the change; the refused call is a tool call with its error.
    expect(recorder.events().map((e) => [e.kind, e.name, e.error?.slice(0, 40)])).toEqual([
      ["tool_call", "mcp:local/upgrade", undefined],
      ["note", "mcp.blocked", "local/echo changed since it was approved"],
      ["tool_call", "mcp:local/echo", "local/echo changed since it was approved"],
    ]);
    expect((await gateway.call("local", "add", { a: 1, b: 1 })).text).toBe("2");
    expect(
      audit
        .events()
        .filter((e) => e.kind === "mcp.blocked")
        .map((e) => e.payload["reason"]),
    ).toEqual(["unpinned", "unpinned", "unpinned", "changed", "changed"]);
  });
});

describe("McpGateway and a malformed server", () => {
  for (const mode of ["not-json", "garbage"]) {
    it(`turns a ${mode} JSON-RPC answer into a clear error and keeps the other servers working`, async () => {
      const { gateway, audit } = await setupGateway({
        servers: {
          bad: { ...stdioFixture("malformed-server.ts", [mode]), limits: { callTimeoutMs: 20_000 } },
          local: stdioFixture("stdio-server.ts"),
        },
      });
      await expect(gateway.call("bad", "add", { a: 1, b: 2 })).rejects.toMatchObject({
        code: "MCP_PROTOCOL",
        message: expect.stringContaining("server bad sent a malformed JSON-RPC message"),
      });
      expect((await gateway.call("local", "add", { a: 1, b: 2 })).text).toBe("3");
      expect(audit.events().find((e) => e.kind === "mcp.call")?.payload).toMatchObject({
        server: "bad",
        outcome: "failed",
      });
    });
  }
});
