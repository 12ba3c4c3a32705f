import { z } from "zod";
import { OutcomeSchema } from "../domain/decision.js";
import { EvidenceSchema } from "../domain/evidence.js";
import { OutputSchema } from "../domain/output.js";
import { parseWith } from "../domain/parse.js";
import { type Task, TaskSchema } from "../domain/task.js";
import { CrosscheckError } from "../errors.js";
import { isWorkflow, type Workflow } from "../graph/define-workflow.js";

/** A finding that must appear: a rule id, optionally pinned to a location. */
export const ExpectedFindingSchema = z.union([
  z.string().min(1),
  z
    .object({
      ruleId: z.string().min(1),
      field: z.string().optional(),
      file: z.string().optional(),
      line: z.number().int().positive().optional(),
    })
    .strict(),
]);
export type ExpectedFinding = z.infer<typeof ExpectedFindingSchema>;

const ScriptedWorkerSchema = z.custom<(task: Task) => unknown>((v) => typeof v === "function", {
  error: "must be a function (task) => Output",
});

export const ScenarioCaseSchema = z
  .object({
    name: z.string().trim().min(1),
    tags: z.array(z.string()).default([]),
    /** The whole task; or give `input` alone. */
    task: TaskSchema.optional(),
    input: z.unknown().optional(),
    /** The worker's behaviour for this case: a scripted output (audited as given)... */
    output: OutputSchema.optional(),
    /** ...or a function that produces it from the task. Without either, the workflow's own worker runs (replaying recorded model calls). */
    worker: ScriptedWorkerSchema.optional(),
    /** Ground truth for this case; auditors see it beside what the workflow's retriever finds. */
    evidence: z.array(EvidenceSchema).optional(),
    expect: z
      .object({
        /** What consensus decides. */
        decision: OutcomeSchema,
        /** The outcome after the human decision, for escalated cases with `human`. */
        final: z.enum(["accepted", "rejected"]).optional(),
        /** Findings that must appear. */
        findings: z.array(ExpectedFindingSchema).default([]),
        /** Rule ids that must not appear. */
        absent: z.array(z.string()).default([]),
      })
      .strict(),
    /** Applied when the case escalates, so escalation paths run unattended. */
    human: z
      .object({
        decision: z.enum(["accept", "reject"]),
        reviewer: z.string().min(1),
        reason: z.string().min(1),
      })
      .strict()
      .optional(),
  })
  .strict()
  .refine((c) => (c.task === undefined) !== (c.input === undefined), {
    message: "give exactly one of task or input",
    path: ["task"],
  })
  .refine((c) => c.output === undefined || c.worker === undefined, {
    message: "give at most one of output (scripted) or worker (function)",
    path: ["worker"],
  })
  .refine((c) => c.expect.final === undefined || c.human !== undefined, {
    message: "expect.final needs a human decision to apply (human: { decision, reviewer, reason })",
    path: ["expect", "final"],
  });
export type ScenarioCase = z.input<typeof ScenarioCaseSchema>;
export type ParsedScenarioCase = z.infer<typeof ScenarioCaseSchema>;

export interface Suite {
  readonly name: string;
  readonly workflow: Workflow;
  readonly cases: readonly ParsedScenarioCase[];
  /**
   * Why the suite cannot run on this machine (e.g. a system package it needs is missing), or
   * undefined when it can. `crosscheck scenarios` skips it with that message when it was not
   * named explicitly, and fails on it under CI=true.
   */
  readonly unavailable?: () => string | undefined;
}

const SUITE_BRAND: unique symbol = Symbol.for("crosscheck.suite");

export function isSuite(value: unknown): value is Suite {
  return typeof value === "object" && value !== null && SUITE_BRAND in value;
}

/** The task a case runs: its task or input, with its scripted output and ground truth folded in. */
export function caseTask(c: ParsedScenarioCase): Task {
  const task: Task = c.task ?? { input: c.input };
  const withOutput = c.output === undefined ? task : { ...task, output: c.output };
  return c.evidence === undefined
    ? withOutput
    : { ...withOutput, evidence: [...(task.evidence ?? []), ...c.evidence] };
}

/**
 * Defines a scenario suite: cases with inputs, the worker's behaviour, ground truth, and the
 * decisions and findings they must produce. Checked here: a bad suite fails before anything runs.
 */
export function defineSuite(options: {
  name: string;
  workflow: Workflow;
  cases: readonly ScenarioCase[];
  unavailable?: () => string | undefined;
}): Suite {
  const name = typeof options?.name === "string" && options.name.trim().length > 0 ? options.name : undefined;
  if (name === undefined) throw new CrosscheckError("SUITE_INVALID", "defineSuite needs a non-empty name");
  if (!isWorkflow(options.workflow)) {
    throw new CrosscheckError("SUITE_INVALID", `suite ${name}: workflow must be made by defineWorkflow()`);
  }
  if (!Array.isArray(options.cases) || options.cases.length === 0) {
    throw new CrosscheckError("SUITE_INVALID", `suite ${name}: cases must be a non-empty array`);
  }
  const seen = new Set<string>();
  const cases = options.cases.map((c, i) => {
    const label =
      typeof (c as { name?: unknown })?.name === "string" ? ` (${(c as { name: string }).name})` : "";
    const parsed = parseWith(ScenarioCaseSchema, c, "SUITE_INVALID", `suite ${name}: cases[${i}]${label}`);
    if (seen.has(parsed.name)) {
      throw new CrosscheckError(
        "SUITE_INVALID",
        `suite ${name}: two cases are named ${JSON.stringify(parsed.name)}`,
      );
    }
    seen.add(parsed.name);
    return parsed;
  });
  if (options.unavailable !== undefined && typeof options.unavailable !== "function") {
    throw new CrosscheckError(
      "SUITE_INVALID",
      `suite ${name}: unavailable must be a function returning why the suite cannot run here (or undefined)`,
    );
  }
  return Object.freeze({
    [SUITE_BRAND]: true,
    name,
    workflow: options.workflow,
    cases,
    ...(options.unavailable === undefined ? {} : { unavailable: options.unavailable }),
  });
}
