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
