import { z } from "zod";
import { EvidenceSchema } from "./evidence.js";
import { OutputSchema } from "./output.js";
import { TraceSchema } from "./trace.js";

/**
 * One unit of work. A task that carries `output` (and optionally `trace`) was already worked
 * on elsewhere: the workflow skips its worker and audits what it was given.
 */
export const TaskSchema = z
  .object({
    id: z.string().min(1).max(200).optional(),
    kind: z.string().min(1).max(100).optional(),
    input: z.custom<unknown>((value) => value !== undefined, { error: "input is required (any JSON value)" }),
    output: OutputSchema.optional(),
    trace: TraceSchema.optional(),
    /** Ground truth that comes with the task; auditors see it beside whatever the retriever finds. */
    evidence: z.array(EvidenceSchema).optional(),
    metadata: z.record(z.string(), z.unknown()).optional(),
  })
  .strict()
  .refine((task) => task.trace === undefined || task.output !== undefined, {
    message: "a trace is only accepted together with the output it belongs to",
    path: ["trace"],
  });
export type Task<I = unknown> = Omit<z.infer<typeof TaskSchema>, "input"> & { input: I };
