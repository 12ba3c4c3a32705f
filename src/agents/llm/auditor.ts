import type { AIMessage, BaseMessage } from "@langchain/core/messages";
import type { Evidence } from "../../domain/evidence.js";
import { describeIssues } from "../../domain/parse.js";
import type { VerdictInput } from "../../domain/verdict.js";
import { CrosscheckError } from "../../errors.js";
import { withProvenance } from "../../security/provenance/describe.js";
import type { AuditInput, Auditor } from "../auditor.js";
import { batchedCall, markBatchable } from "../model/batch-context.js";
import { costOf, DEFAULT_PRICES, type ModelPrice } from "../model/pricing.js";
import { type ModelSpec, resolveModel } from "../model/resolve-model.js";
import { recordModelCall, usageOf } from "../model/usage.js";
import { type AgentQuotas, AgentQuotasSchema, QuotaMeter, quotaCause, type SharedBudget } from "../quotas.js";
import { auditMessages, type PromptOptions, reconsiderMessages, systemText } from "./audit-prompt.js";
import { DEFAULT_MIN_CONFIDENCE, interpretAnswer, VERDICT_TOOL, VERDICT_TOOL_NAME } from "./verdict-tool.js";

/** The model of `llmAuditor` when none is given (a different model from the default worker's). */
export const DEFAULT_AUDITOR_MODEL = "anthropic:claude-opus-4-5";

export interface LlmAuditorOptions {
  /** Names the auditor in the log. Default "llm-auditor". */
  name?: string;
  /** A LangChain chat model or a string like "anthropic:claude-opus-4-5". Default DEFAULT_AUDITOR_MODEL. */
  model?: ModelSpec;
  /** What a good output is; part of the cached system prompt. */
  rubric: string;
  /** Show the retrieved evidence and require citations from it. Default true. */
  evidence?: boolean;
  /** A verdict below this confidence is an abstain. Default 0.5. */
  minConfidence?: number;
  /** Budgets of one audit (model calls, tokens, cost). A breach is an abstain with a `quota.*` finding. */
  quotas?: AgentQuotas;
  /** A budget shared with other agents (e.g. one per run). Default: none. */
  budget?: SharedBudget;
  prices?: readonly ModelPrice[];
  /** Retries with backoff on 429/529/timeouts (string models). Default 3. */
  maxRetries?: number;
}

/**
 * A model-backed auditor. It asks the model for a verdict through a tool (structured output),
 * then derives pass / fail / abstain in code (see `interpretAnswer`). It never throws: a
 * model error, a quota breach or a malformed answer is an abstain with a finding saying why.
 * With `reconsider`, it takes part in cross-examination.
 */
export function llmAuditor(options: LlmAuditorOptions): Auditor {
  const name = options.name ?? "llm-auditor";
  const where = `llmAuditor ${name}`;
  if (typeof options.rubric !== "string" || options.rubric.trim() === "") {
    throw new CrosscheckError("WORKFLOW_INVALID", `${where}: rubric must be a non-empty string`);
  }
  const minConfidence = options.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  if (!(minConfidence >= 0 && minConfidence <= 1)) {
    throw new CrosscheckError("WORKFLOW_INVALID", `${where}: minConfidence must be between 0 and 1`);
  }
  const quotas = AgentQuotasSchema.safeParse(options.quotas ?? {});
  if (!quotas.success) {
    throw new CrosscheckError("WORKFLOW_INVALID", `${where}: quotas ${describeIssues(quotas.error)}`);
  }
  const resolved = resolveModel(options.model ?? DEFAULT_AUDITOR_MODEL, where, {
    ...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }),
  });
  const showEvidence = options.evidence ?? true;
  const prompt: PromptOptions = { rubric: options.rubric, evidence: showEvidence, cache: resolved.anthropic };
  const prices = options.prices ?? DEFAULT_PRICES;

  async function ask(messages: BaseMessage[], evidence: readonly Evidence[], signal: AbortSignal) {
    const meter = new QuotaMeter(`auditor ${name}`, quotas.data as AgentQuotas, options.budget);
    try {
      const model = await resolved.model();
      if (typeof model.bindTools !== "function") {
        throw new CrosscheckError("MODEL_UNAVAILABLE", `${where}: the model cannot call tools`);
      }
      const bound = model.bindTools([VERDICT_TOOL], { tool_choice: VERDICT_TOOL_NAME });
      meter.beforeModelCall();
      const startedAt = Date.now();
      const clock = performance.now();
      const answer = (await batchedCall(() => bound.invoke(messages, { signal }))) as AIMessage;
      const usage = usageOf(answer, resolved.id);
      const cost = costOf(usage, prices);
      // The framework's record of the call (the auditor's usage in the log and the metrics).
      recordModelCall(usage, startedAt, clock, cost);
      meter.afterModelCall(usage.tokensIn + usage.tokensOut, cost);
      return interpretAnswer(answer, { auditor: name, evidence, minConfidence });
    } catch (error) {
      return failed(error);
    }
  }

  function failed(error: unknown): VerdictInput {
    const quota = quotaCause(error);
    const ruleId = quota?.ruleId ?? "llm.error";
    const message = `auditor ${name}: ${quota?.message ?? (error instanceof Error ? error.message : String(error))}`;
    return {
      decision: "abstain",
      confidence: 0,
      rationale: message,
      findings: [{ ruleId, severity: "medium", message, evidenceIds: [] }],
    };
  }

  function shownEvidence(input: AuditInput): readonly Evidence[] {
    return showEvidence && Array.isArray(input.evidence) ? input.evidence : [];
  }

  const auditor: Auditor = {
    name,
    model: resolved.id,
    modelUnavailable: () => resolved.unavailable(),
    async audit(input, { signal }) {
      try {
        return await ask(auditMessages(input, prompt), shownEvidence(input), signal);
      } catch (error) {
        // Building the prompt from a malformed input.
        return failed(error);
      }
    },
    async reconsider(own, others, input, { signal }) {
      try {
        return await ask(reconsiderMessages(own, others, input, prompt), shownEvidence(input), signal);
      } catch (error) {
        return failed(error);
      }
    },
  };
  // Only Anthropic model strings get the batch-aware client (`crosscheck run --batch`).
  if (typeof options.model !== "object" && resolved.anthropic) markBatchable(auditor);
  // The manifest (and so every verdict's actor) carries the digest of the rubric and settings.
  return withProvenance(auditor, {
    prompt: systemText(prompt),
    parameters: { evidence: showEvidence, minConfidence, quotas: quotas.data },
  });
}
