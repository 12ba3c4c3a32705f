import { z } from "zod";

/**
 * One thing a worker really did, recorded by the framework around the worker (never by the
 * worker itself): a model call, a tool call, or the worker invocation as a whole.
 */
export const TraceEventSchema = z.object({
  id: z.string().min(1),
  kind: z.enum(["worker", "model_call", "tool_call", "command", "file", "network", "note"]),
  name: z.string().min(1),
  args: z.unknown().optional(),
  result: z.unknown().optional(),
  error: z.string().optional(),
  exitCode: z.number().int().optional(),
  startedAt: z.number().int().nonnegative().describe("ms since the Unix epoch, UTC"),
  durationMs: z.number().nonnegative().optional(),
  tokensIn: z.number().int().nonnegative().optional(),
  tokensOut: z.number().int().nonnegative().optional(),
  /** Cost of a model call in US dollars, when the caller knows it. */
  costUsd: z.number().nonnegative().optional(),
});
export type TraceEvent = z.infer<typeof TraceEventSchema>;

export const TraceSchema = z.array(TraceEventSchema);
export type Trace = z.infer<typeof TraceSchema>;

/** What an agent's model calls added up to. */
export interface UsageSummary {
  modelCalls: number;
  tokensIn: number;
  tokensOut: number;
  costUsd: number;
}

export const NO_USAGE: UsageSummary = Object.freeze({ modelCalls: 0, tokensIn: 0, tokensOut: 0, costUsd: 0 });

/** Sums the `model_call` events of a trace. */
export function usageSummary(trace: readonly TraceEvent[]): UsageSummary {
  const calls = trace.filter((e) => e.kind === "model_call");
  return {
    modelCalls: calls.length,
    tokensIn: calls.reduce((n, e) => n + (e.tokensIn ?? 0), 0),
    tokensOut: calls.reduce((n, e) => n + (e.tokensOut ?? 0), 0),
    costUsd: calls.reduce((n, e) => n + (e.costUsd ?? 0), 0),
  };
}

export function addUsage(a: UsageSummary, b: UsageSummary): UsageSummary {
  return {
    modelCalls: a.modelCalls + b.modelCalls,
    tokensIn: a.tokensIn + b.tokensIn,
    tokensOut: a.tokensOut + b.tokensOut,
    costUsd: a.costUsd + b.costUsd,
  };
}
