import { describe, expect, it } from "vitest";
import { parseJsonl } from "../../../bench/jsonl.js";
import {
  fromHaluEval,
  half,
  parseArgs,
  ScoredRowSchema,
  score,
  toTask,
} from "../../../bench/score-grounding.js";
import { isCrosscheckError } from "../../../src/errors.js";

const row = (fields: Record<string, unknown> = {}) =>
  JSON.stringify({
    id: "r-1",
    input: "Who designed it?",
    output: "Miriam Okafor",
    label: "supported",
    ...fields,
  });

function errorOf(run: () => unknown): { code: string; message: string } {
  try {
    run();
  } catch (error) {
    if (isCrosscheckError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error("expected an error");
}

describe("the score-grounding loader", () => {
  it("reads one labelled answer a line, skipping blank lines", () => {
    const rows = parseJsonl(
      `${row()}\n\n${row({ id: 2, label: "hallucinated" })}\n`,
      ScoredRowSchema,
      "a.jsonl",
    );
    expect(rows.map((r) => [r.id, r.label])).toEqual([
      ["r-1", "supported"],
      [2, "hallucinated"],
    ]);
  });

  it("names the file and line of a line that is not JSON", () => {
    expect(errorOf(() => parseJsonl(`${row()}\n{"id": 2,`, ScoredRowSchema, "a.jsonl"))).toEqual({
      code: "TASK_INVALID",
      message: expect.stringMatching(/^a\.jsonl line 2: not valid JSON \(.+\); fix or remove that line$/),
    });
  });

  it("names the field of a line with a bad label", () => {
    const { message } = errorOf(() => parseJsonl(row({ label: "maybe" }), ScoredRowSchema, "a.jsonl"));
    expect(message).toBe(
      'a.jsonl line 1: label: Invalid option: expected one of "supported"|"hallucinated"; fix or remove that line',
    );
  });

  it("refuses a file without rows", () => {
    expect(errorOf(() => parseJsonl("\n\n", ScoredRowSchema, "empty.jsonl")).message).toBe(
      "empty.jsonl has no rows: give one JSON object a line",
    );
  });

  it("turns a row into a rag-answer task carrying the answer, with string evidence in the input", () => {
    const [parsed] = parseJsonl(
      row({ evidence: ["Miriam Okafor designed it."] }),
      ScoredRowSchema,
      "a.jsonl",
    );
    expect(toTask(parsed as never)).toEqual({
      id: "r-1",
      kind: "rag-answer",
      input: { question: "Who designed it?", evidence: ["Miriam Okafor designed it."] },
      output: { content: "Miriam Okafor" },
    });
  });

  it("converts HaluEval QA rows, keeping their slice", () => {
    const line = JSON.stringify({
      id: "halueval-qa-12-h",
      question: "Q?",
      context_passages: ["P."],
      answer: "A",
      label: "hallucinated",
      meta: { row: 12, slice: "surface_matched" },
      source: "halueval-qa",
      task: "qa",
    });
    expect(fromHaluEval(line, "h.jsonl")).toEqual([
      {
        id: "halueval-qa-12-h",
        input: { question: "Q?", evidence: ["P."] },
        output: "A",
        label: "hallucinated",
        slice: "surface_matched",
      },
    ]);
  });

  it("splits ids into halves by their trailing number", () => {
    expect([half("halueval-qa-12-h"), half("halueval-qa-13-s"), half(7), half("x")]).toEqual([
      "even",
      "odd",
      "odd",
      "even",
    ]);
  });

  it("scores flagged answers: accuracy, detection and false alarms", () => {
    const s = score("g", [
      { label: "hallucinated", flagged: true, escalated: false },
      { label: "hallucinated", flagged: false, escalated: false },
      { label: "supported", flagged: false, escalated: false },
      { label: "supported", flagged: true, escalated: true },
    ]);
    expect(s).toEqual({ group: "g", n: 4, accuracy: 0.5, detection: 0.5, falseAlarm: 0.5, escalated: 1 });
  });

  it("reads its arguments: a file, --model, --limit; anything else is a usage error", () => {
    expect(parseArgs(["rows.jsonl", "--model", "anthropic:claude-opus-4-5", "--limit", "20"])).toEqual({
      file: "rows.jsonl",
      model: "anthropic:claude-opus-4-5",
      limit: 20,
    });
    expect(parseArgs([])).toEqual({});
    expect(errorOf(() => parseArgs(["--limit", "0"]))).toEqual({
      code: "USAGE",
      message: "--limit must be a positive whole number",
    });
    expect(errorOf(() => parseArgs(["--verbose"])).message).toBe(
      "unknown option --verbose: use [FILE.jsonl] [--model SPEC] [--limit N]",
    );
    expect(errorOf(() => parseArgs(["--model"])).message).toBe("--model needs a value");
  });
});
