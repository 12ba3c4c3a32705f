// The receipt domain: what a task carries (the OCR text) and what a worker returns (fields as printed).
import { z } from "zod";

/** A task's input: a receipt's OCR text, one printed line per "\n". */
export const ReceiptInputSchema = z.object({
  text: z.string().min(1, "the receipt text is empty: pass the OCR text, lines separated by \\n"),
});
export type ReceiptInput = z.infer<typeof ReceiptInputSchema>;

const printed = z.string().trim().min(1);

/** A worker's extraction: strings exactly as they are printed on the receipt. */
export const ReceiptSchema = z.object({
  company: printed,
  date: printed,
  address: printed,
  total: printed,
  subtotal: printed.optional(),
  tax: printed.optional(),
  /** The currency as printed or as its code ("RM", "MYR", "$", "EUR"...); not checked against amounts. */
  currency: printed.optional(),
  items: z.array(z.object({ name: printed, amount: printed })).optional(),
});
export type Receipt = z.infer<typeof ReceiptSchema>;

/**
 * The worker's receipt and the receipt's text from an auditor's (untrusted) input, or undefined
 * when the output is not a receipt or the task carries no text: then a receipt auditor abstains.
 */
export function receiptCase(input: unknown): { receipt: Receipt; text: string } | undefined {
  const given = input as
    | { output?: { content?: unknown }; task?: { input?: { text?: unknown } } }
    | undefined;
  const receipt = ReceiptSchema.safeParse(given?.output?.content);
  const text = given?.task?.input?.text;
  return receipt.success && typeof text === "string" ? { receipt: receipt.data, text } : undefined;
}
