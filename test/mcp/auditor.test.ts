import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { llmWorker } from "../../src/agents/llm/worker.js";
import type { TraceEvent } from "../../src/domain/trace.js";
import { defineWorkflow, majority, mcpAuditor } from "../../src/index.js";
import { approveTools } from "../../src/mcp/approve.js";
import { McpGateway } from "../../src/mcp/gateway.js";
import { type McpToolkit, mcpGateway } from "../../src/mcp/langchain-tools.js";
import { auditorContract } from "../agents/auditor-contract.js";
import { ScriptedChatModel, toolCallAnswer } from "../agents/model/fakes.js";
import { tempDb } from "../helpers/temp.js";
import { setupConfig, stdioFixture } from "./setup.js";

function setup(trace: TraceEvent[]) {
  const auditor = mcpAuditor();
  const input = { caseId: "c1", task: { input: {} }, output: { content: {} }, trace, evidence: [] };
  return { audit: () => auditor.audit(input, { signal: new AbortController().signal }) };
}

const at = 1_700_000_000_000;
const call = (id: string, name: string, extra: Partial<TraceEvent> = {}): TraceEvent => ({
  id,
  kind: "tool_call",
  name,
  startedAt: at,
  ...extra,
});
const note = (id: string, name: string, error: string, args?: unknown): TraceEvent => ({
  id,
  kind: "note",
  name,
  error,
  startedAt: at,
  ...(args === undefined ? {} : { args }),
});

describe("mcpAuditor", () => {
  auditorContract("mcp", () => mcpAuditor());

  it("abstains when the trace shows no MCP activity", async () => {
    const { audit } = setup([
      call("e1", "search", { result: "ok" }),
      note("e2", "sandbox.limit-timeout", "the command hit the sandbox's timeout limit"),
    ]);
    expect(await audit()).toEqual({
      decision: "abstain",
      confidence: 0,
      findings: [],
      rationale: "the trace shows no MCP activity",
    });
  });

  it("passes with full confidence when MCP tools were called and nothing was noted", async () => {
    const { audit } = setup([
      call("e1", "mcp:local/add", { result: "2" }),
      call("e2", "mcp:local/echo", { result: "hi" }),
    ]);
    expect(await audit()).toEqual({
      decision: "pass",
      confidence: 1,
      findings: [],
      rationale: "2 MCP tool call(s), nothing blocked or flagged",
    });
  });

  it("fails on a blocked tool, citing the note as evidence", async () => {
    const { audit } = setup([
      note("n1", "mcp.blocked", "local/echo changed since it was approved: re-approve it"),
      call("e2", "mcp:local/add", { result: "2" }),
    ]);
    const verdict = await audit();
    expect(verdict.decision).toBe("fail");
    expect(verdict.findings).toEqual([
      {
        ruleId: "mcp.blocked",
        severity: "high",
        message: "local/echo changed since it was approved: re-approve it",
        evidenceIds: ["trace:n1"],
      },
    ]);
  });

  it("takes a flagged result's severity from the note, high when the note gives none", async () => {
    const suspicious = setup([
      call("e1", "mcp:local/weather", { result: "sunny" }),
      note("n2", "mcp.result-flagged", "the result of local/weather looks like prompt injection", {
        severity: "medium",
      }),
    ]);
    const verdict = await suspicious.audit();
    expect(verdict.decision).toBe("pass");
    expect(verdict.findings?.map((f) => [f.ruleId, f.severity, f.evidenceIds])).toEqual([
      ["mcp.result-flagged", "medium", ["trace:n2"]],
    ]);

    const bare = setup([note("n3", "mcp.result-flagged", "the result of local/weather looks injected")]);
    expect(await bare.audit()).toMatchObject({
      decision: "fail",
      findings: [{ ruleId: "mcp.result-flagged", severity: "high", evidenceIds: ["trace:n3"] }],
    });
  });

  it("reports any other mcp.* note as a medium finding, ignoring an invalid declared severity", async () => {
    const { audit } = setup([
      call("e1", "mcp:local/add", { result: "2" }),
      note("n4", "mcp.tools-changed", "local announced a new tool list", { severity: "severe" }),
    ]);
    expect(await audit()).toMatchObject({
      decision: "pass",
      confidence: 1,
      findings: [
        {
          ruleId: "mcp.tools-changed",
          severity: "medium",
          message: "local announced a new tool list",
          evidenceIds: ["trace:n4"],
        },
      ],
    });
  });
});

describe("mcpAuditor in a workflow", () => {
  const toolkits: McpToolkit[] = [];
  afterEach(async () => {
    await Promise.all(toolkits.splice(0).map((t) => t.close()));
  });

  it("fails the output of a worker that read a poisoned MCP result", async () => {
    const paths = setupConfig({
      servers: { local: stdioFixture("stdio-server.ts", [], ["add", "weather"]) },
    });
    const approver = await McpGateway.open({ config: paths.configFile });
    approveTools(approver);
    await approver.close();
    const toolkit = await mcpGateway({ config: paths.configFile });
    toolkits.push(toolkit);
    const Answer = z.object({ answer: z.string() });
    const workflow = defineWorkflow<unknown, z.infer<typeof Answer>>({
      name: "mcp-auditor-test",
      worker: llmWorker({
        name: "agent",
        model: new ScriptedChatModel([
          toolCallAnswer("local__add", { a: 40, b: 2 }, "c1"),
          toolCallAnswer("local__weather", { city: "Paris" }, "c2"),
          toolCallAnswer("final_output", { answer: "42" }, "c3"),
        ]),
        instructions: "Answer.",
        tools: toolkit.tools,
        output: Answer,
      }),
      auditors: [mcpAuditor()],
      consensus: majority(),
      output: Answer,
    });

    const result = await workflow.run({ input: { q: "?" } }, { db: tempDb() });

    const flagged = result.trace.find((e) => e.kind === "note" && e.name === "mcp.result-flagged");
    expect(flagged?.id).toBeDefined();
    expect(flagged?.args).toEqual({ severity: "high" });
    expect(result.verdicts.map((v) => [v.auditor, v.decision])).toEqual([["mcp", "fail"]]);
    expect(result.findings.map((f) => [f.auditor, f.ruleId, f.severity, f.evidenceIds])).toEqual([
      ["mcp", "mcp.result-flagged", "high", [`trace:${flagged?.id}`]],
    ]);
    expect(result.outcome).toBe("rejected");
  });
});
