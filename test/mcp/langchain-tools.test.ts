import type { ToolMessage } from "@langchain/core/messages";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { llmWorker } from "../../src/agents/llm/worker.js";
import { defineAuditor, defineWorkflow, majority } from "../../src/index.js";
import { approveTools } from "../../src/mcp/approve.js";
import { McpGateway } from "../../src/mcp/gateway.js";
import { langchainToolName, type McpToolkit, mcpGateway } from "../../src/mcp/langchain-tools.js";
import { ScriptedChatModel, toolCallAnswer } from "../agents/model/fakes.js";
import { HONEST_ECHO_DESCRIPTION, POISONED_RESULT } from "../fixtures/mcp/tools.js";
import { tempDb } from "../helpers/temp.js";
import { setupAuditLog, setupConfig, stdioFixture } from "./setup.js";

const toolkits: McpToolkit[] = [];
afterEach(async () => {
  await Promise.all(toolkits.splice(0).map((t) => t.close()));
});

/** A toolkit on the stdio fixture with echo, add and weather approved (big is allowlisted, unapproved). */
async function setupToolkit() {
  const paths = setupConfig({
    servers: { local: stdioFixture("stdio-server.ts", [], ["echo", "add", "weather", "big"]) },
  });
  const approver = await McpGateway.open({ config: paths.configFile });
  for (const tool of ["echo", "add", "weather"]) approveTools(approver, { tool });
  await approver.close();
  const audit = setupAuditLog();
  const toolkit = await mcpGateway({ config: paths.configFile, log: audit.log, runId: "run-1" });
  toolkits.push(toolkit);
  return { toolkit, audit };
}

describe("mcpGateway LangChain tools", () => {
  it("offers only approved tools, with their pinned descriptions", async () => {
    const { toolkit } = await setupToolkit();
    expect(toolkit.tools.map((t) => [t.name, t.description])).toEqual([
      ["local__add", "Adds two numbers."],
      ["local__echo", HONEST_ECHO_DESCRIPTION],
      ["local__weather", "Returns the weather report for a city."],
    ]);
  });

  it("names tools within what model APIs accept", () => {
    expect(langchainToolName("files.v2", "read file")).toBe("files_v2__read_file");
    expect(langchainToolName("s", "t".repeat(80))).toHaveLength(64);
  });

  it("lets a model-backed worker call MCP tools, recording each call, block and flagged result", async () => {
    const { toolkit, audit } = await setupToolkit();
    const Answer = z.object({ answer: z.string() });
    const model = new ScriptedChatModel([
      toolCallAnswer("local__add", { a: 40, b: 2 }, "c1"),
      toolCallAnswer("local__echo", { text: 5 }, "c2"),
      toolCallAnswer("local__weather", { city: "Paris" }, "c3"),
      toolCallAnswer("final_output", { answer: "42" }, "c4"),
    ]);
    const workflow = defineWorkflow<unknown, z.infer<typeof Answer>>({
      name: "mcp-worker-test",
      worker: llmWorker({
        name: "agent",
        model,
        instructions: "Answer.",
        tools: toolkit.tools,
        output: Answer,
      }),
      auditors: [defineAuditor("ok", () => ({ decision: "pass", confidence: 1 }))],
      consensus: majority(),
      output: Answer,
    });
    const result = await workflow.run({ input: { q: "?" } }, { db: tempDb() });
    expect(result.output?.content).toEqual({ answer: "42" });

    const mcpEvents = result.trace.filter((e) => e.name.startsWith("mcp"));
    expect(mcpEvents.map((e) => [e.kind, e.name])).toEqual([
      ["tool_call", "mcp:local/add"],
      ["tool_call", "mcp:local/echo"],
      ["tool_call", "mcp:local/weather"],
      ["note", "mcp.result-flagged"],
    ]);
    expect(mcpEvents[1]?.error).toContain("do not match its pinned input schema");

    // What the model saw: the sum, an error for the invalid call, the poisoned result wrapped.
    const toolMessages = (model.calls[3]?.messages ?? []).filter(
      (m) => m.getType() === "tool",
    ) as ToolMessage[];
    expect(toolMessages.map((m) => m.text.split("\n")[0])).toEqual([
      "42",
      expect.stringContaining("do not match its pinned input schema"),
      expect.stringContaining("[crosscheck: the result of MCP tool local/weather was flagged"),
    ]);
    expect(toolMessages[2]?.text).toContain(POISONED_RESULT);

    expect(toolkit.findings().map((f) => f.ruleId)).toEqual(["mcp.result-flagged"]);
    expect(
      audit.events().map((e) => [e.kind, e.payload["tool"], e.payload["outcome"] ?? e.payload["reason"]]),
    ).toEqual([
      ["mcp.blocked", "big", "unpinned"],
      ["mcp.call", "add", "ok"],
      ["mcp.blocked", "echo", "invalid-arguments"],
      ["mcp.call", "weather", "flagged"],
    ]);
  });
});
