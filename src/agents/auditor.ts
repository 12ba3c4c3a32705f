import type { AuditHistory } from "../audit/accepted-outputs.js";
import type { Evidence } from "../domain/evidence.js";
import type { Output } from "../domain/output.js";
import type { Task } from "../domain/task.js";
import type { TraceEvent } from "../domain/trace.js";
import type { Verdict, VerdictInput } from "../domain/verdict.js";
import { CrosscheckError } from "../errors.js";

/** Everything an auditor may look at: the task, the output, what the worker really did, the evidence. */
export interface AuditInput<I = unknown, C = unknown> {
  readonly caseId: string;
  readonly task: Task<I>;
  readonly output: Output<C>;
  readonly trace: readonly TraceEvent[];
  readonly evidence: readonly Evidence[];
}

export interface AuditContext {
  /** Aborted when the auditor runs out of time. */
  readonly signal: AbortSignal;
  /**
   * Read-only: the accepted outputs of earlier cases of this workflow in the audit log the run
   * writes to (e.g. to find a duplicate submission). Absent when an auditor is called outside a run.
   */
  readonly history?: AuditHistory;
}

export type AuditFn<I = unknown, C = unknown> = (
  input: AuditInput<I, C>,
  context: AuditContext,
) => Promise<VerdictInput> | VerdictInput;

/**
 * Cross-examination: sees its own latest verdict and the other auditors' latest verdicts, and
 * returns a revised verdict (or the same one).
 */
export type ReconsiderFn<I = unknown, C = unknown> = (
  own: Verdict,
  others: readonly Verdict[],
  input: AuditInput<I, C>,
  context: AuditContext,
) => Promise<VerdictInput> | VerdictInput;

/** An auditor judges an output and returns a verdict. */
export interface Auditor<I = unknown, C = unknown> {
  readonly name: string;
  readonly model?: string;
  /**
   * Model-backed agents declare here why their model cannot be called live in this process
   * (e.g. `anthropic:claude-sonnet-4-5 needs ANTHROPIC_API_KEY, which is not set`), or undefined
   * when it can. A run checks it before writing anything (MODEL_UNAVAILABLE), unless its model
   * calls replay from recordings.
   */
  readonly modelUnavailable?: () => string | undefined;
  audit: AuditFn<I, C>;
  reconsider?: ReconsiderFn<I, C>;
}

export function defineAuditor<I = unknown, C = unknown>(name: string, audit: AuditFn<I, C>): Auditor<I, C>;
export function defineAuditor<I = unknown, C = unknown>(auditor: Auditor<I, C>): Auditor<I, C>;
export function defineAuditor<I, C>(
  nameOrAuditor: string | Auditor<I, C>,
  audit?: AuditFn<I, C>,
): Auditor<I, C> {
  const auditor =
    typeof nameOrAuditor === "string"
      ? { name: nameOrAuditor, audit: audit as AuditFn<I, C> }
      : nameOrAuditor;
  return toAuditor(auditor, "auditor") as Auditor<I, C>;
}

const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Accepts an Auditor object or a named function; `where` names the option in error messages. */
export function toAuditor(value: unknown, where: string): Auditor {
  let auditor: Auditor;
  if (typeof value === "function") {
    auditor = { name: value.name, audit: value as AuditFn };
    if (!value.name) {
      throw new CrosscheckError(
        "WORKFLOW_INVALID",
        `${where} is an anonymous function: give it a name, e.g. defineAuditor("totals", async (input) => ...)`,
      );
    }
  } else if (typeof value === "object" && value !== null) {
    const candidate = value as Partial<Auditor>;
    if (typeof candidate.audit !== "function") {
      throw new CrosscheckError(
        "WORKFLOW_INVALID",
        `${where}.audit must be a function (input, context) => Verdict`,
      );
    }
    if (candidate.reconsider !== undefined && typeof candidate.reconsider !== "function") {
      throw new CrosscheckError("WORKFLOW_INVALID", `${where}.reconsider must be a function when given`);
    }
    auditor = candidate as Auditor;
  } else {
    throw new CrosscheckError(
      "WORKFLOW_INVALID",
      `${where} must be a function or an object with name and audit(), got ${value === null ? "null" : typeof value}`,
    );
  }
  if (typeof auditor.name !== "string" || !NAME_PATTERN.test(auditor.name)) {
    throw new CrosscheckError(
      "WORKFLOW_INVALID",
      `${where}.name must be letters, digits, ".", "_" or "-" (got ${JSON.stringify(auditor.name)})`,
    );
  }
  return auditor;
}
