/**
 * JSON Lines for the scoring scripts: one labelled row a line, checked with a schema; a bad line
 * is an error naming the file, the line and the field.
 */
import type { z } from "zod";
import { CrosscheckError } from "../src/index.js";

function lineError(file: string, line: number, problem: string): CrosscheckError {
  return new CrosscheckError("TASK_INVALID", `${file} line ${line}: ${problem}; fix or remove that line`);
}

/** Parses JSONL text with a schema; a bad line is an error naming the file, the line and the field. */
export function parseJsonl<S extends z.ZodType>(text: string, schema: S, file: string): Array<z.infer<S>> {
  const rows: Array<z.infer<S>> = [];
  text.split("\n").forEach((raw, index) => {
    if (raw.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      throw lineError(file, index + 1, `not valid JSON (${(error as Error).message})`);
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      const issues = parsed.error.issues.map(
        (issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`,
      );
      throw lineError(file, index + 1, issues.join("; "));
    }
    rows.push(parsed.data);
  });
  if (rows.length === 0)
    throw new CrosscheckError("TASK_INVALID", `${file} has no rows: give one JSON object a line`);
  return rows;
}
