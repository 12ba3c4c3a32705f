import { z } from "zod";

export const OutcomeSchema = z.enum(["accepted", "rejected", "escalated"]);
export type Outcome = z.infer<typeof OutcomeSchema>;

/** What a consensus policy made of the verdicts. */
export const DecisionSchema = z.object({
  outcome: OutcomeSchema,
  policy: z.string().min(1),
  reasons: z.array(z.string()).min(1),
});
export type Decision = z.infer<typeof DecisionSchema>;

export const HumanDecisionSchema = z.object({
  reviewer: z.string().trim().min(1, "a reviewer name is required"),
  decision: z.enum(["accept", "reject"]),
  reason: z.string().trim().min(1, "a reason is required"),
  at: z.number().int().nonnegative().describe("ms since the Unix epoch, UTC"),
});
export type HumanDecision = z.infer<typeof HumanDecisionSchema>;
