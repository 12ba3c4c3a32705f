// grounding(): is an answer supported by its evidence? Deterministic by default; with `model`,
// a model judges each claim too and the two are cross-checked.
import { describeIssues } from "../../domain/parse.js";
import type { VerdictInput } from "../../domain/verdict.js";
import { CrosscheckError } from "../../errors.js";
import { withProvenance } from "../../security/provenance/describe.js";
import type { AuditInput, Auditor } from "../auditor.js";
import { markBatchable } from "../model/batch-context.js";
import type { ModelSpec } from "../model/resolve-model.js";
import { type AgentQuotas, AgentQuotasSchema } from "../quotas.js";
import { DEFAULT_MIN_COVERAGE } from "./check-claim.js";
import { modelCrossCheck } from "./model-check.js";
import { readCase } from "./read-case.js";
import { abstainVerdict, checkAnswer, deterministicVerdict } from "./verdict.js";

export interface GroundingOptions {
  /** Names the auditor in the log. Default "grounding". */
  name?: string;
  /**
   * Share (0..1) of a claim's word weight (IDF over the evidence) that must be found in the
   * evidence for the claim to count as supported. Default 0.75.
   */
  minCoverage?: number;
  /**
   * Model-backed mode: a LangChain chat model or a string like "anthropic:claude-opus-4-5" also
   * judges every claim, and the deterministic checks cross-check it (a disagreement is a
   * low-confidence fail, which escalates under `minConfidence`). Default: none (deterministic).
   * An Anthropic model string needs ANTHROPIC_API_KEY, or recorded calls to replay.
   */
  model?: ModelSpec;
  /** Budgets of the model's calls in one audit (model-backed mode only). */
  quotas?: AgentQuotas;
  /** Retries of a failed model call (model-backed mode only). Default 3. */
  maxRetries?: number;
}

/**
 * The grounding auditor: splits the answer (`output.content`, a string or `{ answer }`) into
 * claims and looks for each in the evidence (the case's evidence and `task.input.evidence`
 * strings). Names, numbers (units normalised), dates and quoted strings must match; paraphrase
 * is tolerated; negation flips are caught. Each unsupported claim is a finding citing the
 * closest passage. It never throws: an unreadable case is an abstain with a finding.
 */
export function grounding(options: GroundingOptions = {}): Auditor {
  const name = options.name ?? "grounding";
  const where = `grounding ${name}`;
  const minCoverage = options.minCoverage ?? DEFAULT_MIN_COVERAGE;
  if (typeof minCoverage !== "number" || !(minCoverage >= 0 && minCoverage <= 1)) {
    throw new CrosscheckError(
      "WORKFLOW_INVALID",
      `${where}: minCoverage must be a number from 0 to 1, got ${String(minCoverage)}`,
    );
  }
  const quotas = AgentQuotasSchema.safeParse(options.quotas ?? {});
  if (!quotas.success) {
    throw new CrosscheckError("WORKFLOW_INVALID", `${where}: quotas ${describeIssues(quotas.error)}`);
  }
  if (options.model === undefined && (options.quotas !== undefined || options.maxRetries !== undefined)) {
    throw new CrosscheckError(
      "WORKFLOW_INVALID",
      `${where}: quotas and maxRetries apply to the model-backed mode only: give model too, or drop them`,
    );
  }
  const model =
    options.model === undefined
      ? undefined
      : modelCrossCheck({
          name,
          model: options.model,
          quotas: quotas.data as AgentQuotas,
          ...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }),
        });

  async function audit(input: AuditInput, signal: AbortSignal): Promise<VerdictInput> {
    const read = readCase(input);
    if ("unreadable" in read) return abstainVerdict("grounding.no-answer", `${name}: ${read.unreadable}`);
    if (read.answer.trim() === "")
      return abstainVerdict("grounding.no-answer", `${name}: the answer is empty`);
    if (read.evidence.length === 0) {
      return abstainVerdict(
        "grounding.no-evidence",
        `${name}: no evidence to check the answer against (none retrieved or given)`,
      );
    }
    const checks = checkAnswer(read.answer, read.evidence, { question: read.question, minCoverage });
    const verdict = deterministicVerdict(checks);
    return model === undefined ? verdict : model.crossCheck(input, read, checks, verdict, signal);
  }

  const auditor: Auditor = {
    name,
    ...(model === undefined ? {} : { model: model.id, modelUnavailable: model.unavailable }),
    async audit(input, { signal }) {
      try {
        return await audit(input, signal);
      } catch (error) {
        // A bug here must not pass silently: it is an abstain with the reason.
        return abstainVerdict(
          "grounding.error",
          `${name}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    },
  };
  // Its model calls run inside the auditor call, so `crosscheck run --batch` can batch them.
  if (model?.batchable === true) markBatchable(auditor);
  return withProvenance(auditor, { parameters: { minCoverage, model: model?.id ?? null } });
}
