import { z } from "zod";

export const ClaimSchema = z.object({
  id: z.string().min(1).optional(),
  text: z.string().min(1),
});
export type Claim = z.infer<typeof ClaimSchema>;

export const ArtifactSchema = z.object({
  name: z.string().min(1),
  mediaType: z.string().optional(),
  content: z.string().optional(),
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/, "must be a lowercase hex sha256")
    .optional(),
});
export type Artifact = z.infer<typeof ArtifactSchema>;

/** What the worker says it did: free text, or structured claims. */
export const StatusReportSchema = z.union([z.string(), z.record(z.string(), z.unknown())]);
export type StatusReport = z.infer<typeof StatusReportSchema>;

/** What a worker produced for a task. `content` is typed by the workflow. */
export const OutputSchema = z.object({
  content: z.unknown(),
  claims: z.array(ClaimSchema).optional(),
  artifacts: z.array(ArtifactSchema).optional(),
  status: StatusReportSchema.optional(),
});
export type Output<C = unknown> = Omit<z.infer<typeof OutputSchema>, "content"> & { content: C };
