// Receipt totals reviewed by a model-backed worker and auditor beside a deterministic auditor.
// Its model calls replay from recordings/ (made against a local fake Anthropic server: README.md).
import { z } from "zod";
import { agents, defineAuditor, defineWorkflow, firstOf, minConfidence, unanimous } from "../../src/index.js";

export const ReceiptTextSchema = z.object({ text: z.string().min(1) });
export type ReceiptText = z.infer<typeof ReceiptTextSchema>;
export const TotalSchema = z.object({ total: z.string().regex(/^\d+\.\d{2}$/) });
export type Total = z.infer<typeof TotalSchema>;

/** Deterministic: the total must be the amount printed on the TOTAL line. */
export const totalLine = defineAuditor<ReceiptText, Total>("total-line", ({ task, output }) => {
  const printed = /^TOTAL\s+([\d.]+)$/m.exec(task.input.text)?.[1];
  if (printed === undefined) return { decision: "abstain", confidence: 0, rationale: "no TOTAL line" };
  return printed === output.content.total
    ? { decision: "pass", confidence: 0.9, rationale: "the total is the TOTAL line" }
    : {
        decision: "fail",
        confidence: 0.9,
        rationale: `the TOTAL line says ${printed}`,
        findings: [
          {
            ruleId: "receipt.total-not-total-line",
            severity: "high",
            message: `total ${output.content.total} is not the TOTAL line (${printed})`,
            location: { field: "total" },
          },
        ],
      };
});

export default defineWorkflow<ReceiptText, Total>({
  name: "llm-review",
  version: "1",
  input: ReceiptTextSchema,
  output: TotalSchema,
  worker: agents.llmWorker({
    name: "total-reader",
    model: "anthropic:claude-sonnet-4-5",
    instructions: "Read the receipt and return its total, as printed, with two decimals.",
    output: TotalSchema,
    quotas: { maxModelCalls: 4, maxTokens: 20_000 },
  }),
  auditors: [
    agents.llmAuditor({
      name: "total-judge",
      model: "anthropic:claude-opus-4-5",
      rubric: "The total must be the amount payable (the TOTAL line), never the cash given or the change.",
      quotas: { maxTokens: 20_000 },
    }),
    totalLine,
  ],
  consensus: firstOf(minConfidence(0.6), unanimous()),
  crossExamination: { maxRounds: 1 },
  escalation: { onEscalate: "wait", queue: "llm-review" },
});
