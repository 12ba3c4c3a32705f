import { z } from "zod";

/** A ground-truth passage retrieved for a task. */
export const EvidenceSchema = z.object({
  id: z.string().min(1),
  source: z.string().min(1),
  text: z.string(),
  contentHash: z.string().regex(/^[0-9a-f]{64}$/, "must be a lowercase hex sha256"),
  score: z.number().optional(),
});
export type Evidence = z.infer<typeof EvidenceSchema>;
