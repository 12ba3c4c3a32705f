import { z } from "zod";
import { CrosscheckError } from "../errors.js";

/**
 * Budgets of one agent call (one worker run, one audit). A breach ends that agent cleanly with
 * a `quota.*` finding: a worker fails with reason `quota`, an auditor abstains.
 */
export interface AgentQuotas {
  /** Model calls. Default: no limit. */
  maxModelCalls?: number;
  /** Tool calls. Default: no limit. */
  maxToolCalls?: number;
  /** Input + output tokens over all model calls (cached input included). Default: no limit. */
  maxTokens?: number;
  /** Cost in US dollars by the price table (approximate). Default: no limit. */
  maxCostUsd?: number;
}

export const AgentQuotasSchema = z
  .object({
    maxModelCalls: z.number().int().positive().optional(),
    maxToolCalls: z.number().int().nonnegative().optional(),
    maxTokens: z.number().int().positive().optional(),
    maxCostUsd: z.number().positive().optional(),
  })
  .strict();

/** A budget ran out. `ruleId` is the finding's rule (`quota.model-calls`, `quota.tokens`...). */
export class QuotaExceededError extends CrosscheckError {
  readonly ruleId: string;

  constructor(ruleId: string, message: string) {
    super("QUOTA_EXCEEDED", message);
    this.ruleId = ruleId;
  }
}

export function isQuotaExceeded(error: unknown): error is QuotaExceededError {
  return error instanceof QuotaExceededError;
}

/** Finds a QuotaExceededError in an error or its causes (LangChain wraps middleware errors). */
export function quotaCause(error: unknown): QuotaExceededError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== undefined && current !== null; depth++) {
    if (isQuotaExceeded(current)) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * A budget shared by every agent given it (`budget` option of llmWorker / llmAuditor), e.g. one
 * for a whole run: model calls, tokens and cost summed over all of them. A breach ends the agent
 * that crossed it with `quota.shared-model-calls`, `quota.shared-tokens` or `quota.shared-cost`,
 * and every later call of any agent on the budget too.
 */
export class SharedBudget {
  modelCalls = 0;
  tokens = 0;
  costUsd = 0;
  readonly limits: Readonly<Omit<AgentQuotas, "maxToolCalls">>;

  constructor(limits: Omit<AgentQuotas, "maxToolCalls">) {
    const parsed = AgentQuotasSchema.omit({ maxToolCalls: true }).safeParse(limits);
    if (!parsed.success) {
      throw new CrosscheckError(
        "WORKFLOW_INVALID",
        `SharedBudget limits must be positive numbers (maxModelCalls, maxTokens, maxCostUsd): ${parsed.error.issues[0]?.message ?? ""}`,
      );
    }
    this.limits = Object.freeze({ ...limits });
  }

  check(agent: string): void {
    const { maxModelCalls, maxTokens, maxCostUsd } = this.limits;
    if (maxModelCalls !== undefined && this.modelCalls >= maxModelCalls) {
      throw new QuotaExceededError(
        "quota.shared-model-calls",
        `${agent}: the shared budget of ${maxModelCalls} model calls is used up`,
      );
    }
    if (maxTokens !== undefined && this.tokens > maxTokens) {
      throw new QuotaExceededError(
        "quota.shared-tokens",
        `${agent}: the shared budget of ${maxTokens} tokens is used up (${this.tokens} used)`,
      );
    }
    if (maxCostUsd !== undefined && this.costUsd > maxCostUsd) {
      throw new QuotaExceededError(
        "quota.shared-cost",
        `${agent}: the shared budget of $${maxCostUsd} is used up (about $${this.costUsd.toFixed(4)})`,
      );
    }
  }
}

/** Counts one agent call's use and throws QuotaExceededError when a budget is exceeded. */
export class QuotaMeter {
  modelCalls = 0;
  toolCalls = 0;
  tokens = 0;
  costUsd = 0;
  readonly #quotas: AgentQuotas;
  readonly #agent: string;
  readonly #shared: SharedBudget | undefined;

  constructor(agent: string, quotas: AgentQuotas = {}, shared?: SharedBudget) {
    this.#agent = agent;
    this.#quotas = quotas;
    this.#shared = shared;
  }

  /** Before a model call: may another one start? */
  beforeModelCall(): void {
    const max = this.#quotas.maxModelCalls;
    if (max !== undefined && this.modelCalls >= max) {
      throw new QuotaExceededError(
        "quota.model-calls",
        `${this.#agent} wanted model call ${this.modelCalls + 1} but its budget is ${max} (quotas.maxModelCalls)`,
      );
    }
    this.#shared?.check(this.#agent);
    this.modelCalls++;
    if (this.#shared !== undefined) this.#shared.modelCalls++;
  }

  /** After a model call: adds its tokens and cost, then checks those budgets. */
  afterModelCall(tokens: number, costUsd: number | undefined): void {
    this.tokens += tokens;
    this.costUsd += costUsd ?? 0;
    if (this.#shared !== undefined) {
      this.#shared.tokens += tokens;
      this.#shared.costUsd += costUsd ?? 0;
      const { maxTokens, maxCostUsd } = this.#shared.limits;
      if (
        (maxTokens !== undefined && this.#shared.tokens > maxTokens) ||
        (maxCostUsd !== undefined && this.#shared.costUsd > maxCostUsd)
      ) {
        this.#shared.check(this.#agent);
      }
    }
    const { maxTokens, maxCostUsd } = this.#quotas;
    if (maxTokens !== undefined && this.tokens > maxTokens) {
      throw new QuotaExceededError(
        "quota.tokens",
        `${this.#agent} used ${this.tokens} tokens, over its budget of ${maxTokens} (quotas.maxTokens)`,
      );
    }
    if (maxCostUsd !== undefined && this.costUsd > maxCostUsd) {
      throw new QuotaExceededError(
        "quota.cost",
        `${this.#agent} spent about $${this.costUsd.toFixed(4)}, over its budget of $${maxCostUsd} (quotas.maxCostUsd)`,
      );
    }
  }

  /** Before a tool call: may another one start? */
  beforeToolCall(tool: string): void {
    const max = this.#quotas.maxToolCalls;
    if (max !== undefined && this.toolCalls >= max) {
      throw new QuotaExceededError(
        "quota.tool-calls",
        `${this.#agent} wanted to call ${tool} (tool call ${this.toolCalls + 1}) but its budget is ${max} (quotas.maxToolCalls)`,
      );
    }
    this.toolCalls++;
  }
}
