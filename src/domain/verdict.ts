import { z } from "zod";
import { FindingSchema } from "./finding.js";

export const VerdictDecisionSchema = z.enum(["pass", "fail", "abstain"]);
export type VerdictDecision = z.infer<typeof VerdictDecisionSchema>;

/** What an auditor returns (before the framework stamps who said it). */
export const VerdictInputSchema = z.object({
  decision: VerdictDecisionSchema,
  confidence: z.number().min(0).max(1),
  findings: z.array(FindingSchema).default([]),
  rationale: z.string().default(""),
});
export type VerdictInput = z.input<typeof VerdictInputSchema>;

/** A verdict as recorded: stamped with its auditor and the cross-examination round. */
export const VerdictSchema = VerdictInputSchema.extend({
  auditor: z.string().min(1),
  round: z.number().int().nonnegative(),
});
export type Verdict = z.infer<typeof VerdictSchema>;
