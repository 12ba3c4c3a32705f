import { describe, expect, it } from "vitest";
import { z } from "zod";
import { llmAuditor } from "../../src/agents/llm/auditor.js";
import { llmWorker } from "../../src/agents/llm/worker.js";
import { modelFamily } from "../../src/graph/independence.js";
import type { Auditor, TraceEvent } from "../../src/index.js";
import { defineAuditor, defineWorker, defineWorkflow, majority } from "../../src/index.js";
import { query } from "../helpers/db.js";
import { tempDb } from "../helpers/temp.js";

const Out = z.object({ total: z.string() });
const worker = (model: string) => llmWorker({ name: "w", model, instructions: "extract", output: Out });
const judge = (model: string, name = "judge") => llmAuditor({ name, model, rubric: "check the total" });
const rules = defineAuditor("rules", () => ({ decision: "pass", confidence: 1 }));

function setupWorkflow(extra: Record<string, unknown>) {
  return () =>
    defineWorkflow({
      name: "independence",
      consensus: majority(),
      worker: worker("anthropic:claude-sonnet-4-5"),
      auditors: [rules],
      ...extra,
    });
}

describe("the independence policy", () => {
  it("rejects, when the workflow is defined, an auditor on the worker's model (the default policy)", () => {
    const define = setupWorkflow({ auditors: [rules, judge("anthropic:claude-sonnet-4-5")] });
    expect(define).toThrow(/auditor judge uses the worker's model \(anthropic:claude-sonnet-4-5\)/);
  });

  it("treats a bare model id and its provider-prefixed form as the same model", () => {
    const define = setupWorkflow({ auditors: [judge("claude-sonnet-4-5")] });
    expect(define).toThrow(/WORKFLOW_INVALID|worker's model/);
  });

  it("allows a different model of the same family by default, and rejects it under different-family", () => {
    expect(setupWorkflow({ auditors: [judge("anthropic:claude-haiku-4-5")] })).not.toThrow();
    const strict = setupWorkflow({
      auditors: [judge("anthropic:claude-haiku-4-5")],
      independence: { require: "different-family" },
    });
    expect(strict).toThrow(/of the worker's model family \(claude/);
    expect(
      setupWorkflow({ auditors: [judge("openai:gpt-4o")], independence: { require: "different-family" } }),
    ).not.toThrow();
  });

  it("allows anything with require none, and never constrains deterministic agents", () => {
    expect(
      setupWorkflow({ auditors: [judge("anthropic:claude-sonnet-4-5")], independence: { require: "none" } }),
    ).not.toThrow();
    expect(() =>
      defineWorkflow({
        name: "deterministic",
        consensus: majority(),
        worker: defineWorker("w", () => ({ content: 1 })),
        auditors: [judge("anthropic:claude-sonnet-4-5")],
      }),
    ).not.toThrow();
  });

  it("rejects an unknown rule with a message naming the field", () => {
    expect(setupWorkflow({ independence: { require: "same-model" } })).toThrow(/independence/);
  });

  it("knows model families", () => {
    expect(
      ["anthropic:claude-opus-4-5", "claude-3-5-haiku", "bedrock:us.anthropic.claude-sonnet-4"].map(
        modelFamily,
      ),
    ).toEqual(["claude", "claude", "claude"]);
    expect(["openai:gpt-4o", "openai:o3-mini", "google:gemini-2.5-pro"].map(modelFamily)).toEqual([
      "gpt",
      "gpt",
      "gemini",
    ]);
  });

  it("stamps the policy on every verdict in the log and blinds auditors to the worker's model", async () => {
    const seen: TraceEvent[][] = [];
    const spy: Auditor = {
      name: "spy",
      model: "openai:gpt-4o",
      audit: ({ trace }) => {
        seen.push([...trace]);
        return { decision: "pass", confidence: 1 };
      },
    };
    const workflow = defineWorkflow({
      name: "blind",
      consensus: majority(),
      worker: { name: "w", model: "anthropic:claude-sonnet-4-5", run: () => ({ content: 1 }) },
      auditors: [spy],
      independence: { require: "different-family", blind: true },
    });
    const db = tempDb();
    const trace: TraceEvent[] = [
      { id: "m1", kind: "model_call", name: "claude-sonnet-4-5", startedAt: 1, tokensIn: 3, tokensOut: 1 },
    ];
    const result = await workflow.run({ input: 1, output: { content: 1 }, trace }, { db });
    expect(result.outcome).toBe("accepted");
    expect(seen[0]?.map((e) => e.name)).toEqual(["redacted-model"]);
    const actors = query<{ body: string }>(db, "select body from events where kind = 'auditor.verdict'").map(
      (r) => JSON.parse(r.body).actor,
    );
    expect(actors).toEqual([
      expect.objectContaining({
        id: "spy",
        model: "openai:gpt-4o",
        role: "auditor (independence: different-family, blind)",
      }),
    ]);
  });
});
