import type { BaseMessage } from "@langchain/core/messages";
import { currentTraceRecorder } from "./trace-recorder.js";

/** What one model call cost in tokens, and how it ended, as read from the model's answer. */
export interface ModelUsage {
  /** The model that answered (from the answer, else the one asked). */
  model: string;
  /** All input tokens, cached ones included. */
  tokensIn: number;
  tokensOut: number;
  /** Input tokens read from the provider's prompt cache. */
  cacheReadTokens: number;
  /** Input tokens written to the provider's prompt cache. */
  cacheWriteTokens: number;
  /** Why the model stopped: `end_turn`, `tool_use`, `max_tokens`, `refusal`... when it says. */
  stopReason: string | undefined;
}

function count(value: unknown): number {
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? Math.round(value) : 0;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
}

/**
 * Reads token usage and the stop reason from a LangChain AI message: `usage_metadata` (every
 * provider through LangChain; Anthropic's `input_tokens` there include cached tokens) and
 * `response_metadata` (`stop_reason` for Anthropic, `finish_reason` for OpenAI).
 */
export function usageOf(message: BaseMessage, requestedModel: string): ModelUsage {
  const fields = message as unknown as Record<string, unknown>;
  const usage = record(fields["usage_metadata"]);
  const details = record(usage["input_token_details"]);
  const metadata = record(message.response_metadata);
  const answeredBy = metadata["model"] ?? metadata["model_name"];
  const stop = metadata["stop_reason"] ?? metadata["finish_reason"];
  return {
    model: typeof answeredBy === "string" && answeredBy !== "" ? answeredBy : requestedModel,
    tokensIn: count(usage["input_tokens"]),
    tokensOut: count(usage["output_tokens"]),
    cacheReadTokens: count(details["cache_read"]),
    cacheWriteTokens: count(details["cache_creation"]),
    stopReason: typeof stop === "string" ? stop : undefined,
  };
}

/**
 * Records a model call an agent made outside the tracing middleware (an auditor's or a
 * classifier's own call) on the current trace: model, timing, tokens and, when known, cost.
 * `started` is the `performance.now()` reading taken with `startedAt`.
 */
export function recordModelCall(
  usage: ModelUsage,
  startedAt: number,
  started: number,
  costUsd?: number,
): void {
  currentTraceRecorder()?.record({
    kind: "model_call",
    name: usage.model,
    startedAt,
    durationMs: Math.round(performance.now() - started),
    tokensIn: usage.tokensIn,
    tokensOut: usage.tokensOut,
    ...(costUsd === undefined ? {} : { costUsd }),
  });
}
