import { tool } from "langchain";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { llmWorker } from "../../../src/agents/llm/worker.js";
import { defineAuditor, defineWorkflow, majority } from "../../../src/index.js";
import { query } from "../../helpers/db.js";
import { tempDb } from "../../helpers/temp.js";
import { aiMessage, ScriptedChatModel, textAnswer, toolCallAnswer } from "../model/fakes.js";

const Extracted = z.object({ total: z.string() });

function setupWorker(script: ConstructorParameters<typeof ScriptedChatModel>[0], quotas = {}) {
  const model = new ScriptedChatModel(script, "claude-sonnet-4-5");
  const add = tool(async ({ a, b }: { a: number; b: number }) => String(a + b), {
    name: "add",
    description: "Adds two numbers.",
    schema: z.object({ a: z.number(), b: z.number() }),
  });
  const broken = tool(
    async (): Promise<string> => {
      throw new Error("disk on fire");
    },
    { name: "broken", description: "Always fails.", schema: z.object({}) },
  );
  const worker = llmWorker({
    name: "extractor",
    model,
    instructions: "Extract the total of the receipt.",
    tools: [add, broken],
    output: Extracted,
    quotas,
  });
  const workflow = defineWorkflow<unknown, z.infer<typeof Extracted>>({
    name: "llm-worker-test",
    worker,
    auditors: [defineAuditor("ok", () => ({ decision: "pass", confidence: 1 }))],
    consensus: majority(),
    output: Extracted,
  });
  const db = tempDb();
  return { model, worker, workflow, db, run: (input: unknown) => workflow.run({ input }, { db }) };
}

describe("llmWorker", () => {
  it("calls its tools, returns the structured output parsed with the schema, and traces every call", async () => {
    const { run, db, model } = setupWorker([
      toolCallAnswer("add", { a: 40, b: 2.5 }, "c1"),
      toolCallAnswer("final_output", { total: "42.5" }, "c2"),
    ]);
    const result = await run({ text: "TOTAL 42.50" });
    expect(result.outcome).toBe("accepted");
    expect(result.output?.content).toEqual({ total: "42.5" });
    expect(result.trace.map((e) => [e.kind, e.name])).toEqual([
      ["worker", "extractor"],
      ["model_call", "scripted-1"],
      ["tool_call", "add"],
      ["model_call", "scripted-1"],
    ]);
    const [first, add] = result.trace.slice(1);
    expect(first).toMatchObject({
      tokensIn: 120,
      tokensOut: 30,
      result: { stopReason: "tool_use", toolCalls: ["add"] },
    });
    expect(add).toMatchObject({ args: { a: 40, b: 2.5 }, result: "42.5" });
    // The model saw the task as data and the output tool beside its own tools.
    expect(model.calls[0]?.messages.at(-1)?.text).toContain('"text": "TOTAL 42.50"');
    expect(
      model.calls[0]?.tools.map(
        (t) => (t as { function?: { name: string } }).function?.name ?? (t as { name: string }).name,
      ),
    ).toEqual(["add", "broken", "final_output"]);
    // The trace is in the audit log with the output.
    const [row] = query<{ trace: string }>(db, "select trace from outputs where case_id = ?", result.caseId);
    const logged = JSON.parse(row?.trace ?? "[]") as Array<{ kind: string }>;
    expect(logged.map((e) => e.kind)).toEqual(["worker", "model_call", "tool_call", "model_call"]);
  });

  it("records a failing tool call with its error", async () => {
    const { run } = setupWorker([
      toolCallAnswer("broken", {}, "c1"),
      toolCallAnswer("final_output", { total: "1.00" }, "c2"),
    ]);
    const result = await run({ text: "x" });
    const broken = result.trace.find((e) => e.kind === "tool_call");
    expect(broken?.name).toBe("broken");
    expect(broken?.error).toContain("disk on fire");
  });

  it("fails the worker (rejecting the case) when the model answers without its output tool", async () => {
    const { run } = setupWorker([textAnswer("I think it is 42")]);
    const result = await run({ text: "x" });
    expect(result.outcome).toBe("rejected");
    expect(result.workerFailure?.reason).toBe("error");
    expect(result.workerFailure?.message).toContain(
      "without returning its output through the final_output tool",
    );
  });

  it("sends a malformed output back to the model, and takes the corrected one", async () => {
    const { run, model } = setupWorker([
      toolCallAnswer("final_output", { total: 42 }, "c1"),
      toolCallAnswer("final_output", { total: "42" }, "c2"),
    ]);
    const result = await run({ text: "x" });
    expect(result.output?.content).toEqual({ total: "42" });
    expect(model.calls).toHaveLength(2);
  });

  it("ends the worker with a quota failure when it exceeds its model-call budget", async () => {
    const { run } = setupWorker((_, call) => toolCallAnswer("add", { a: 1, b: 1 }, `c${call}`), {
      maxModelCalls: 3,
    });
    const result = await run({ text: "x" });
    expect(result.outcome).toBe("rejected");
    expect(result.workerFailure).toMatchObject({ reason: "quota" });
    expect(result.workerFailure?.message).toContain("quota.model-calls");
    expect(result.trace.filter((e) => e.kind === "model_call")).toHaveLength(3);
    expect(result.trace.at(-1)).toMatchObject({ kind: "note", name: "quota.model-calls" });
  });

  it("ends the worker with a quota failure when it exceeds its tool-call budget", async () => {
    const { run } = setupWorker((_, call) => toolCallAnswer("add", { a: 1, b: 1 }, `c${call}`), {
      maxToolCalls: 2,
    });
    const result = await run({ text: "x" });
    expect(result.workerFailure?.message).toContain("quota.tool-calls");
    expect(result.trace.filter((e) => e.kind === "tool_call")).toHaveLength(2);
  });

  it("ends the worker with a quota failure when it exceeds its token budget", async () => {
    const big = aiMessage({
      content: "",
      tool_calls: [{ id: "c1", name: "add", args: { a: 1, b: 2 }, type: "tool_call" }],
      usage_metadata: { input_tokens: 150_000, output_tokens: 60_000, total_tokens: 210_000 },
    });
    const { run } = setupWorker([big], { maxTokens: 100_000 });
    const result = await run({ text: "x" });
    expect(result.workerFailure?.message).toContain("quota.tokens");
    expect(result.trace.filter((e) => e.kind === "tool_call")).toHaveLength(0);
  });
});
