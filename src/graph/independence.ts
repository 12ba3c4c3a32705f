import { z } from "zod";
import type { Auditor } from "../agents/auditor.js";
import type { TraceEvent } from "../domain/trace.js";
import { CrosscheckError } from "../errors.js";

/**
 * How independent a model-backed auditor must be from the worker it judges. A judge grading
 * its own work is the most common flaw of LLM-as-judge setups.
 * - `different-model` (default): an auditor may not use the worker's model.
 * - `different-family`: nor a model of the same family (claude-sonnet vs claude-haiku).
 * - `none`: no check (say why in your workflow's docs).
 */
export const INDEPENDENCE_RULES = ["different-model", "different-family", "none"] as const;
export type IndependenceRule = (typeof INDEPENDENCE_RULES)[number];
export const DEFAULT_INDEPENDENCE_RULE: IndependenceRule = "different-model";

export interface IndependenceOptions {
  /** Default "different-model". */
  require?: IndependenceRule;
  /** Auditors do not see which model the worker used (model names in the trace are redacted). Default false. */
  blind?: boolean;
}

export const IndependenceSchema = z
  .object({ require: z.enum(INDEPENDENCE_RULES).optional(), blind: z.boolean().optional() })
  .strict();

/** The policy as checked and stamped on every verdict, e.g. `different-model` or `different-family, blind`. */
export interface ResolvedIndependence {
  readonly require: IndependenceRule;
  readonly blind: boolean;
  readonly label: string;
}

export function resolveIndependence(
  options: { require?: IndependenceRule | undefined; blind?: boolean | undefined } | undefined,
): ResolvedIndependence {
  const require = options?.require ?? DEFAULT_INDEPENDENCE_RULE;
  const blind = options?.blind ?? false;
  return Object.freeze({ require, blind, label: blind ? `${require}, blind` : require });
}

/** `anthropic:claude-sonnet-4-5` -> `claude-sonnet-4-5` (also Bedrock's `us.anthropic.claude-...`). */
function bareModel(model: string): string {
  const id = model.slice(model.indexOf(":") + 1).toLowerCase();
  return id.replace(/^([a-z]{2}\.)?(anthropic|meta|mistral|amazon|cohere)\./, "");
}

/** The family of a model: `claude`, `gpt` (o1/o3/o4 too), `gemini`, `llama`, `mistral`... */
export function modelFamily(model: string): string {
  const id = bareModel(model);
  if (/^o\d/.test(id) || id.startsWith("gpt") || id.startsWith("chatgpt")) return "gpt";
  return /^[a-z]+/.exec(id)?.[0] ?? id;
}

/**
 * Checks the policy when the workflow is defined: throws WORKFLOW_INVALID naming the auditor,
 * both models and the fix. Deterministic agents (no model) are always independent.
 */
export function checkIndependence(
  policy: ResolvedIndependence,
  workerModel: string | undefined,
  auditors: ReadonlyArray<Pick<Auditor, "name" | "model">>,
  where: string,
): void {
  if (policy.require === "none" || workerModel === undefined) return;
  for (const auditor of auditors) {
    if (auditor.model === undefined) continue;
    const sameModel = bareModel(auditor.model) === bareModel(workerModel);
    if (sameModel) {
      throw new CrosscheckError(
        "WORKFLOW_INVALID",
        `${where}: auditor ${auditor.name} uses the worker's model (${auditor.model}); a model may not grade its own work. ` +
          `Give the auditor another model, or set independence: { require: "none" } to allow it.`,
      );
    }
    if (policy.require === "different-family" && modelFamily(auditor.model) === modelFamily(workerModel)) {
      throw new CrosscheckError(
        "WORKFLOW_INVALID",
        `${where}: auditor ${auditor.name} (${auditor.model}) is of the worker's model family ` +
          `(${modelFamily(workerModel)}, worker ${workerModel}) and independence requires a different family. ` +
          `Give the auditor a model of another family, or set independence: { require: "different-model" }.`,
      );
    }
  }
}

function redact(trace: readonly TraceEvent[]): TraceEvent[] {
  return trace.map((event) => (event.kind === "model_call" ? { ...event, name: "redacted-model" } : event));
}

/** An auditor that sees the trace with the worker's model names redacted (`blind` policy). */
export function blindAuditor<I, C>(auditor: Auditor<I, C>): Auditor<I, C> {
  const { reconsider } = auditor;
  return {
    ...auditor,
    audit: (input, context) => auditor.audit({ ...input, trace: redact(input.trace) }, context),
    ...(reconsider === undefined
      ? {}
      : {
          reconsider: (own, others, input, context) =>
            reconsider(own, others, { ...input, trace: redact(input.trace) }, context),
        }),
  };
}
