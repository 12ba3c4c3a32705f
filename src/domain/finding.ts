import { z } from "zod";

export const SEVERITIES = ["info", "low", "medium", "high", "critical"] as const;
export const SeveritySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof SeveritySchema>;

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

export const LocationSchema = z.object({
  file: z.string().optional(),
  line: z.number().int().positive().optional(),
  column: z.number().int().positive().optional(),
  field: z.string().optional(),
  span: z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]).optional(),
});
export type Location = z.infer<typeof LocationSchema>;

export const FindingSchema = z.object({
  ruleId: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]*$/, "must be a dotted lowercase rule id such as code.cwe-78"),
  severity: SeveritySchema,
  message: z.string().min(1),
  location: LocationSchema.optional(),
  evidenceIds: z.array(z.string()).default([]),
});
export type Finding = z.infer<typeof FindingSchema>;
export type FindingInput = z.input<typeof FindingSchema>;
