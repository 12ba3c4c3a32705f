import { describe, expect, it } from "vitest";
import { z } from "zod";
import { llmAuditor } from "../../../src/agents/llm/auditor.js";
import { llmWorker } from "../../../src/agents/llm/worker.js";
import { defineWorkflow, majority } from "../../../src/index.js";
import { query } from "../../helpers/db.js";
import { tempDb } from "../../helpers/temp.js";
import { ScriptedChatModel, toolCallAnswer } from "../model/fakes.js";

const PASS = { decision: "pass", confidence: 0.9, findings: [], rationale: "ok" };

function setupWorkflow(rubric: string, instructions: string) {
  const worker = llmWorker({
    name: "w",
    model: new ScriptedChatModel(() => toolCallAnswer("final_output", { n: 1 }), "claude-sonnet-4-5"),
    instructions,
    output: z.object({ n: z.number() }),
  });
  const judge = llmAuditor({
    name: "judge",
    model: new ScriptedChatModel(() => toolCallAnswer("record_verdict", PASS), "claude-opus-4-5"),
    rubric,
  });
  const workflow = defineWorkflow({ name: "manifests", worker, auditors: [judge], consensus: majority() });
  const db = tempDb();
  return {
    run: async () => {
      await workflow.run({ input: 1 }, { db });
      const actor = (kind: string) =>
        query<{ body: string }>(db, "select body from events where kind = ?", kind).map(
          (r) => JSON.parse(r.body).actor,
        )[0];
      return { worker: actor("worker.output"), judge: actor("auditor.verdict") };
    },
  };
}

describe("model-backed agents in the log", () => {
  it("change their actor's manifest when the rubric or the instructions change, not otherwise", async () => {
    const a = await setupWorkflow("rubric A", "instructions A").run();
    const same = await setupWorkflow("rubric A", "instructions A").run();
    const rubricB = await setupWorkflow("rubric B", "instructions A").run();
    const instructionsB = await setupWorkflow("rubric A", "instructions B").run();
    expect(a.judge.model).toBe("scripted:claude-opus-4-5");
    expect(same.judge.manifest).toBe(a.judge.manifest);
    expect(rubricB.judge.manifest).not.toBe(a.judge.manifest);
    expect(rubricB.worker.manifest).toBe(a.worker.manifest);
    expect(instructionsB.worker.manifest).not.toBe(a.worker.manifest);
  });
});
