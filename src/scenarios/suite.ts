import { z } from "zod";
import { OutcomeSchema } from "../domain/decision.js";
import { parseWith } from "../domain/parse.js";
import { TaskSchema } from "../domain/task.js";
import { CrosscheckError } from "../errors.js";
import { isWorkflow, type Workflow } from "../graph/define-workflow.js";

export const ScenarioCaseSchema = z
  .object({
    name: z.string().min(1),
    task: TaskSchema,
    expect: z
      .object({
        /** What consensus decides. */
        outcome: OutcomeSchema,
        /** The outcome after the human decision, for escalated cases with `human`. */
        final: z.enum(["accepted", "rejected"]).optional(),
        /** Rule ids that must be among the findings. */
        findings: z.array(z.string()).default([]),
        /** Rule ids that must not be among the findings. */
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
  .strict();
export type ScenarioCase = z.input<typeof ScenarioCaseSchema>;
export type ParsedScenarioCase = z.infer<typeof ScenarioCaseSchema>;

export interface Suite {
  readonly name: string;
  readonly workflow: Workflow;
  readonly cases: readonly ParsedScenarioCase[];
}

const SUITE_BRAND: unique symbol = Symbol.for("crosscheck.suite");

export function isSuite(value: unknown): value is Suite {
  return typeof value === "object" && value !== null && SUITE_BRAND in value;
}

/** Defines a scenario suite: cases with inputs and the decisions and findings they must produce. */
export function defineSuite(options: {
  name: string;
  workflow: Workflow;
  cases: readonly ScenarioCase[];
}): Suite {
  const name = typeof options?.name === "string" && options.name.length > 0 ? options.name : undefined;
  if (name === undefined) throw new CrosscheckError("SUITE_INVALID", "defineSuite needs a non-empty name");
  if (!isWorkflow(options.workflow)) {
    throw new CrosscheckError("SUITE_INVALID", `suite ${name}: workflow must be made by defineWorkflow()`);
  }
  if (!Array.isArray(options.cases) || options.cases.length === 0) {
    throw new CrosscheckError("SUITE_INVALID", `suite ${name}: cases must be a non-empty array`);
  }
  const seen = new Set<string>();
  const cases = options.cases.map((c, i) => {
    const parsed = parseWith(ScenarioCaseSchema, c, "SUITE_INVALID", `suite ${name}: cases[${i}]`);
    if (seen.has(parsed.name))
      throw new CrosscheckError("SUITE_INVALID", `suite ${name}: two cases are named ${parsed.name}`);
    seen.add(parsed.name);
    if (parsed.expect.final !== undefined && parsed.human === undefined) {
      throw new CrosscheckError(
        "SUITE_INVALID",
        `suite ${name}: case ${parsed.name} expects a final outcome but gives no human decision`,
      );
    }
    return parsed;
  });
  return Object.freeze({ [SUITE_BRAND]: true, name, workflow: options.workflow, cases });
}
