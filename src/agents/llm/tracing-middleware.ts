import { AsyncLocalStorage } from "node:async_hooks";
import { AIMessage, type BaseMessage, ToolMessage } from "@langchain/core/messages";
import { createMiddleware } from "langchain";
import { costOf, type ModelPrice } from "../model/pricing.js";
import { currentTraceRecorder } from "../model/trace-recorder.js";
import { usageOf } from "../model/usage.js";
import { isQuotaExceeded, QuotaMeter } from "../quotas.js";

export interface TracingOptions {
  /** The model id recorded when the answer does not name its model. */
  modelId: string;
  prices: readonly ModelPrice[];
}

const meters = new AsyncLocalStorage<QuotaMeter>();

/** Runs one agent invocation with its own quota meter (the agent itself is built once). */
export function withMeter<T>(meter: QuotaMeter, fn: () => T): T {
  return meters.run(meter, fn);
}

/** A meter without limits for calls made outside `withMeter`. */
function currentMeter(modelId: string): QuotaMeter {
  return meters.getStore() ?? new QuotaMeter(modelId);
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function toolNames(message: BaseMessage): string[] {
  return AIMessage.isInstance(message) ? (message.tool_calls ?? []).map((call) => call.name) : [];
}

/**
 * The model's answer inside what the model handler returned: the message itself, or (with
 * structured output) `{ structuredResponse, messages }`, or a Command whose update has messages.
 */
function answerMessage(answer: unknown): AIMessage | undefined {
  if (AIMessage.isInstance(answer)) return answer;
  if (typeof answer !== "object" || answer === null) return undefined;
  const holder = answer as { messages?: unknown; update?: { messages?: unknown } };
  const messages = holder.messages ?? holder.update?.messages;
  if (!Array.isArray(messages)) return undefined;
  // With structured output the model's own answer comes first, then synthetic messages.
  return messages.find((m): m is AIMessage => AIMessage.isInstance(m));
}

/**
 * Agent middleware that records every model call (model, tokens in/out, cache reads and
 * writes, latency, stop reason, cost) and every tool call (name, arguments, result, error,
 * duration) into the framework's TraceRecorder — never into the agent's state — and enforces
 * the agent's quotas: a breach is noted on the recorder and thrown, which ends the agent.
 */
export function tracingMiddleware(options: TracingOptions) {
  const { modelId, prices } = options;
  return createMiddleware({
    name: "CrosscheckTracing",
    wrapModelCall: async (request, handler) => {
      const recorder = currentTraceRecorder();
      const meter = currentMeter(modelId);
      try {
        meter.beforeModelCall();
      } catch (error) {
        if (isQuotaExceeded(error)) recorder?.breach(error);
        throw error;
      }
      const startedAt = Date.now();
      const started = performance.now();
      const args = { messages: request.messages.length, tools: request.tools.map((t) => t.name) };
      let answer: Awaited<ReturnType<typeof handler>>;
      try {
        answer = await handler(request);
      } catch (error) {
        recorder?.record({
          kind: "model_call",
          name: modelId,
          args,
          error: errorText(error),
          startedAt,
          durationMs: performance.now() - started,
        });
        throw error;
      }
      const message = answerMessage(answer);
      if (message === undefined) return answer;
      const usage = usageOf(message, modelId);
      const costUsd = costOf(usage, prices);
      recorder?.record({
        kind: "model_call",
        name: usage.model,
        args,
        result: {
          stopReason: usage.stopReason ?? null,
          cacheReadTokens: usage.cacheReadTokens,
          cacheWriteTokens: usage.cacheWriteTokens,
          toolCalls: toolNames(message),
        },
        startedAt,
        durationMs: performance.now() - started,
        tokensIn: usage.tokensIn,
        tokensOut: usage.tokensOut,
        ...(costUsd === undefined ? {} : { costUsd }),
      });
      try {
        meter.afterModelCall(usage.tokensIn + usage.tokensOut, costUsd);
      } catch (error) {
        if (isQuotaExceeded(error)) recorder?.breach(error);
        throw error;
      }
      return answer;
    },
    wrapToolCall: async (request, handler) => {
      const recorder = currentTraceRecorder();
      const name = request.toolCall.name;
      const meter = currentMeter(modelId);
      try {
        meter.beforeToolCall(name);
      } catch (error) {
        if (isQuotaExceeded(error)) recorder?.breach(error);
        throw error;
      }
      const startedAt = Date.now();
      const started = performance.now();
      try {
        const result = await handler(request);
        const message = ToolMessage.isInstance(result) ? result : undefined;
        const failed = message?.status === "error";
        recorder?.record({
          kind: "tool_call",
          name,
          args: request.toolCall.args,
          ...(message === undefined ? {} : failed ? { error: message.text } : { result: message.content }),
          startedAt,
          durationMs: performance.now() - started,
        });
        return result;
      } catch (error) {
        recorder?.record({
          kind: "tool_call",
          name,
          args: request.toolCall.args,
          error: errorText(error),
          startedAt,
          durationMs: performance.now() - started,
        });
        throw error;
      }
    },
  });
}
