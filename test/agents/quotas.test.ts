import { describe, expect, it } from "vitest";
import { z } from "zod";
import { llmAuditor } from "../../src/agents/llm/auditor.js";
import { llmWorker } from "../../src/agents/llm/worker.js";
import { QuotaExceededError, QuotaMeter, SharedBudget } from "../../src/agents/quotas.js";
import { defineWorkflow, majority } from "../../src/index.js";
import { tempDb } from "../helpers/temp.js";
import { ScriptedChatModel, toolCallAnswer } from "./model/fakes.js";

function ruleOf(fn: () => void): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof QuotaExceededError ? error.ruleId : `not a quota error: ${String(error)}`;
  }
  return undefined;
}

describe("quotas", () => {
  it("lets an agent use exactly its budget, and names the rule it crossed", () => {
    const meter = new QuotaMeter("worker w", {
      maxModelCalls: 2,
      maxToolCalls: 1,
      maxTokens: 100,
      maxCostUsd: 0.5,
    });
    expect(ruleOf(() => meter.beforeModelCall())).toBeUndefined();
    expect(ruleOf(() => meter.afterModelCall(100, 0.5))).toBeUndefined();
    expect(ruleOf(() => meter.beforeToolCall("add"))).toBeUndefined();
    expect(ruleOf(() => meter.beforeToolCall("add"))).toBe("quota.tool-calls");
    expect(ruleOf(() => meter.beforeModelCall())).toBeUndefined();
    expect(ruleOf(() => meter.beforeModelCall())).toBe("quota.model-calls");
    expect(ruleOf(() => meter.afterModelCall(1, 0))).toBe("quota.tokens");
    expect(ruleOf(() => new QuotaMeter("a", { maxCostUsd: 0.01 }).afterModelCall(1, 0.02))).toBe(
      "quota.cost",
    );
  });

  it("sums a shared budget over several agents", () => {
    const budget = new SharedBudget({ maxModelCalls: 2 });
    const a = new QuotaMeter("worker a", {}, budget);
    const b = new QuotaMeter("auditor b", {}, budget);
    expect(ruleOf(() => a.beforeModelCall())).toBeUndefined();
    expect(ruleOf(() => b.beforeModelCall())).toBeUndefined();
    expect(ruleOf(() => a.beforeModelCall())).toBe("quota.shared-model-calls");
    expect(() => new SharedBudget({ maxTokens: -1 })).toThrow(/SharedBudget limits must be positive/);
  });

  it("ends the agents of a run that crossed the run's shared budget, and the run still decides every case", async () => {
    const budget = new SharedBudget({ maxModelCalls: 3 });
    const workerModel = new ScriptedChatModel(
      () => toolCallAnswer("final_output", { n: 1 }),
      "claude-sonnet-4-5",
    );
    const judgeModel = new ScriptedChatModel(
      () =>
        toolCallAnswer("record_verdict", {
          decision: "pass",
          confidence: 0.9,
          findings: [],
          rationale: "ok",
        }),
      "claude-opus-4-5",
    );
    const workflow = defineWorkflow({
      name: "shared-budget",
      worker: llmWorker({
        model: workerModel,
        instructions: "n",
        output: z.object({ n: z.number() }),
        budget,
      }),
      auditors: [llmAuditor({ name: "judge", model: judgeModel, rubric: "r", budget })],
      consensus: majority(),
      independence: { require: "none" },
    });
    const results = await workflow.runMany([{ input: 1 }, { input: 2 }, { input: 3 }], {
      db: tempDb(),
      concurrency: 1,
    });
    // Case 1: worker + judge (2 calls). Case 2: worker (3rd call), judge refused. Case 3: worker refused.
    expect(results.map((r) => r.outcome)).toEqual(["accepted", "escalated", "rejected"]);
    expect(results[1]?.verdicts[0]?.findings.map((f) => f.ruleId)).toEqual(["quota.shared-model-calls"]);
    expect(results[2]?.workerFailure).toMatchObject({ reason: "quota" });
    expect(results[2]?.workerFailure?.message).toContain("quota.shared-model-calls");
  });
});
