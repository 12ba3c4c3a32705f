import path from "node:path";
import { describe, expect, it } from "vitest";
import type { CaseResult } from "../../../src/index.js";
import { cli, ROOT } from "../../helpers/cli.js";
import { tempDb } from "../../helpers/temp.js";

const WORKFLOW = path.join(ROOT, "scenarios/rag-answer/workflow.ts");
const TASKS = path.join(ROOT, "scenarios/rag-answer/tasks.jsonl");

describe("the rag-answer workflow from the CLI", () => {
  it("audits supplied answers in bulk: crosscheck run --input tasks.jsonl --json", async () => {
    const result = await cli(["--db", tempDb(), "--json", "run", WORKFLOW, "--input", TASKS]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(1);
    const cases = result.stdout.split("\n").map((line) => JSON.parse(line) as CaseResult);
    expect(cases.map((c) => [c.taskId, c.outcome])).toEqual([
      ["viaduct-supported", "accepted"],
      ["lake-depth-wrong", "rejected"],
      ["festival-corpus", "accepted"],
      ["vellum-worker", "accepted"],
    ]);
    // Supplied passages and corpus passages both reach the auditor as evidence with hashes.
    expect(cases[0]?.evidence.map((e) => e.id)).toEqual(["input.evidence#0"]);
    expect(cases[1]?.findings).toEqual([
      expect.objectContaining({
        auditor: "grounding",
        ruleId: "grounding.number-mismatch",
        evidenceIds: ["corpus/lake-orren.md#0"],
      }),
    ]);
    expect(cases[3]?.output?.content).toBe("Vellum Robotics moved its headquarters to Antwerp in 2018.");
  });

  it("rejects a task without a question before running anything", async () => {
    const result = await cli(
      ["--db", tempDb(), "run", WORKFLOW, "--input", "-"],
      '{"input":{"evidence":["x"]}}',
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("question");
  });
});
