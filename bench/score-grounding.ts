/**
 * Scores the rag-answer workflow (grounding + answer-fit) on labelled answers, through the public
 * workflow API (`runMany`), in deterministic mode.
 *
 *   npx tsx bench/score-grounding.ts [FILE.jsonl] [--model anthropic:claude-opus-4-5] [--limit N]
 *
 * FILE: one JSON object a line, `{ id, input, output, evidence?, label, slice? }`: `input` is the
 * question (a string or `{ question, evidence? }`), `output` the answer (a string or `{ answer }`),
 * `evidence` passages (strings, or Evidence objects), `label` "supported" or "hallucinated".
 * Without FILE, ../shared/data/grounding/halueval-qa.jsonl is converted to that form (slice from
 * `meta.slice`). A hallucinated answer counts as detected when the workflow does not accept it
 * (rejected, or escalated to a human). Figures are printed per slice, and per half of the ids
 * (even rows were used to tune the rules, odd rows were not looked at). `--model` scores the
 * model-backed mode of grounding() instead (needs the model's key; `--limit` caps the rows).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { z } from "zod";
import type { Answer, QuestionInput } from "../scenarios/rag-answer/answer.js";
import { ragAnswerWorkflow } from "../scenarios/rag-answer/workflow.js";
import { CrosscheckError, EvidenceSchema, isCrosscheckError, type Task } from "../src/index.js";
import { parseJsonl } from "./jsonl.js";
import { isMain } from "./support.js";

export const DEFAULT_DATA = path.resolve(
  import.meta.dirname,
  "../../shared/data/grounding/halueval-qa.jsonl",
);

export const LabelSchema = z.enum(["supported", "hallucinated"]);

/** One labelled answer. */
export const ScoredRowSchema = z
  .object({
    id: z.union([z.string().min(1), z.number()]),
    input: z.union([
      z.string().min(1),
      z.object({ question: z.string().min(1), evidence: z.array(z.string()).optional() }),
    ]),
    output: z.union([z.string(), z.looseObject({ answer: z.string() })]),
    evidence: z.union([z.array(z.string()), z.array(EvidenceSchema)]).optional(),
    label: LabelSchema,
    slice: z.string().min(1).optional(),
  })
  .strict();
export type ScoredRow = z.infer<typeof ScoredRowSchema>;

const HaluEvalRowSchema = z.object({
  id: z.string(),
  question: z.string(),
  context_passages: z.array(z.string()),
  answer: z.string(),
  label: LabelSchema,
  meta: z.object({ slice: z.string(), row: z.number().int() }).loose(),
});

/** HaluEval QA rows (the grounding development set) in the scoring format. */
export function fromHaluEval(text: string, file: string): ScoredRow[] {
  return parseJsonl(text, HaluEvalRowSchema, file).map((row) => ({
    id: row.id,
    input: { question: row.question, evidence: row.context_passages },
    output: row.answer,
    label: row.label,
    slice: row.meta.slice,
  }));
}

/** A row as a rag-answer task carrying the answer to audit. */
export function toTask(row: ScoredRow): Task<QuestionInput> {
  const given = typeof row.input === "string" ? { question: row.input } : row.input;
  const strings = row.evidence?.filter((item): item is string => typeof item === "string") ?? [];
  const objects = row.evidence?.filter((item) => typeof item !== "string") ?? [];
  const evidence = [...(given.evidence ?? []), ...strings];
  return {
    id: String(row.id),
    kind: "rag-answer",
    input: { question: given.question, ...(evidence.length > 0 ? { evidence } : {}) },
    output: { content: row.output as Answer },
    ...(objects.length > 0 ? { evidence: objects } : {}),
  };
}

/** Which half of the data a row is in: the trailing digits of its id, even or odd. */
export function half(id: string | number): "even" | "odd" {
  const digits = /(\d+)\D*$/.exec(String(id))?.[1];
  return Number(digits ?? 0) % 2 === 0 ? "even" : "odd";
}

export interface Score {
  group: string;
  n: number;
  accuracy: number;
  detection: number;
  falseAlarm: number;
  escalated: number;
}

/** Accuracy, detection rate and false-alarm rate of flagged (not accepted) answers. */
export function score(
  group: string,
  rows: ReadonlyArray<{ label: string; flagged: boolean; escalated: boolean }>,
): Score {
  const bad = rows.filter((row) => row.label === "hallucinated");
  const good = rows.filter((row) => row.label === "supported");
  const ratio = (part: number, whole: number) => (whole === 0 ? Number.NaN : part / whole);
  return {
    group,
    n: rows.length,
    accuracy: ratio(bad.filter((r) => r.flagged).length + good.filter((r) => !r.flagged).length, rows.length),
    detection: ratio(bad.filter((r) => r.flagged).length, bad.length),
    falseAlarm: ratio(good.filter((r) => r.flagged).length, good.length),
    escalated: rows.filter((row) => row.escalated).length,
  };
}

/** Runs every row through the workflow; returns each row's label, slice, half and outcome. */
export async function runRows(rows: readonly ScoredRow[], db: string, model?: string) {
  const workflow = ragAnswerWorkflow(model === undefined ? {} : { model });
  const results = await workflow
    .runMany(rows.map(toTask), { db, concurrency: 8 })
    .finally(() => workflow.close());
  return results.map((result, i) => {
    const row = rows[i] as ScoredRow;
    return {
      id: String(row.id),
      label: row.label,
      slice: row.slice ?? "all",
      half: half(row.id),
      flagged: result.outcome !== "accepted",
      escalated: result.outcome === "escalated",
      rules: result.findings.map((finding) => finding.ruleId),
    };
  });
}

const pct = (value: number) => (Number.isNaN(value) ? "   -  " : `${(value * 100).toFixed(1).padStart(5)}%`);

export function scoreTable(scores: readonly Score[]): string {
  const lines = [`${"group".padEnd(28)} ${"n".padStart(5)}  accuracy  detection  false-alarm  escalated`];
  for (const s of scores) {
    lines.push(
      `${s.group.padEnd(28)} ${String(s.n).padStart(5)}    ${pct(s.accuracy)}     ${pct(s.detection)}       ${pct(s.falseAlarm)}  ${String(s.escalated).padStart(9)}`,
    );
  }
  return lines.join("\n");
}

const ArgsSchema = z.object({
  file: z.string().optional(),
  model: z.string().min(1).optional(),
  limit: z.number().int().positive().optional(),
});

/** `[FILE] [--model SPEC] [--limit N]`. */
export function parseArgs(argv: readonly string[]): z.infer<typeof ArgsSchema> {
  const args: Record<string, unknown> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--model" || arg === "--limit") {
      const value = argv[++i];
      if (value === undefined) throw new CrosscheckError("USAGE", `${arg} needs a value`);
      args[arg.slice(2)] = arg === "--limit" ? Number(value) : value;
    } else if (arg.startsWith("--")) {
      throw new CrosscheckError(
        "USAGE",
        `unknown option ${arg}: use [FILE.jsonl] [--model SPEC] [--limit N]`,
      );
    } else args["file"] = arg;
  }
  const parsed = ArgsSchema.safeParse(args);
  if (!parsed.success) throw new CrosscheckError("USAGE", `--limit must be a positive whole number`);
  return parsed.data;
}

async function main(): Promise<void> {
  const { file, model, limit } = parseArgs(process.argv.slice(2));
  const source = file ?? DEFAULT_DATA;
  const text = readFileSync(source, "utf8");
  const all = file === undefined ? fromHaluEval(text, source) : parseJsonl(text, ScoredRowSchema, source);
  const rows = limit === undefined ? all : all.slice(0, limit);
  const dir = mkdtempSync(path.join(tmpdir(), "score-grounding-"));
  try {
    const started = performance.now();
    const outcomes = await runRows(rows, path.join(dir, "score.db"), model);
    const seconds = (performance.now() - started) / 1000;
    const scores: Score[] = [score("all", outcomes)];
    const slices = [...new Set(outcomes.map((o) => o.slice))].sort();
    for (const slice of slices) {
      const inSlice = outcomes.filter((o) => o.slice === slice);
      if (slices.length > 1) scores.push(score(`${slice}`, inSlice));
      for (const part of ["even", "odd"] as const) {
        scores.push(
          score(
            `${slice} / ${part} ids${part === "even" ? " (tuned)" : " (held out)"}`,
            inSlice.filter((o) => o.half === part),
          ),
        );
      }
    }
    console.log(
      `rag-answer workflow (deterministic) on ${source}: ${rows.length} rows in ${seconds.toFixed(1)} s\n`,
    );
    console.log(scoreTable(scores));
    console.log(
      "\ndetected = not accepted (rejected or escalated); false alarm = a supported answer not accepted",
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(isCrosscheckError(error) ? `score-grounding: ${error.message}` : error);
    process.exitCode = isCrosscheckError(error) ? 2 : 1;
  });
}
