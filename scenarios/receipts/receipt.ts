// The receipt domain of the bundled workflow: what goes in, what comes out, and how amounts read.
import { z } from "zod";

/** A task's input: a receipt's OCR text, one printed line per "\n". */
export const ReceiptInputSchema = z.object({
  text: z.string().min(1, "the receipt text is empty: pass the OCR text, lines separated by \\n"),
});
export type ReceiptInput = z.infer<typeof ReceiptInputSchema>;

const printed = z.string().trim().min(1);

/** What the extractor returns: strings exactly as they are printed on the receipt. */
export const ReceiptSchema = z.object({
  company: printed,
  date: printed,
  address: printed,
  total: printed,
  subtotal: printed.optional(),
  tax: printed.optional(),
  items: z.array(z.object({ name: printed, amount: printed })).optional(),
});
export type Receipt = z.infer<typeof ReceiptSchema>;

/** An amount as printed: optional currency, thousands commas, two decimals, optional sign. */
export const AMOUNT_PATTERN =
  /(?<![\w.,])\(?-?(?:RM|MYR|S\$|\$)?\s?-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d{2}(?![\d.])\)?/gi;

/**
 * Reads a printed amount ("RM 1,234.50", "$12.00", "-0.02", "(0.03)") as a number of currency
 * units; undefined when the text holds no amount.
 */
export function parseAmount(text: string): number | undefined {
  let s = text.trim();
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1);
  }
  s = s.replace(/^(?:RM|MYR|SGD|USD|S\$|\$)\s*/i, "").replace(/\s+/g, "");
  if (s.startsWith("-")) {
    negative = !negative;
    s = s.slice(1);
  }
  s = s.replace(/^(?:RM|MYR|S\$|\$)/i, "");
  if (!/^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/.test(s)) return undefined;
  const value = Number(s.replace(/,/g, ""));
  return Number.isFinite(value) ? (negative ? -value : value) : undefined;
}

/** The last amount printed on a line, as printed (e.g. "TOTAL   RM 12.50" -> "RM 12.50"). */
export function lastAmount(line: string): string | undefined {
  const found = line.match(AMOUNT_PATTERN);
  return found?.at(-1)?.trim();
}

/** The receipt's non-empty lines, trimmed. */
export function receiptLines(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

/** Upper case with runs of whitespace made one space: for "does it appear on the receipt" checks. */
export function normalize(text: string): string {
  return text.toUpperCase().replace(/\s+/g, " ").trim();
}

/** Two amounts equal to the cent. */
export function sameAmount(a: number, b: number): boolean {
  return Math.abs(a - b) < 0.005 + 1e-9;
}

/** Line kinds the extractor and the auditors agree on. */
export const LINE = {
  total: /^(?:GRAND\s+|NET\s+)?TOTAL\b(?!\s*(?:QTY|QUANTITY|ITEMS?|EXCL|SAVINGS?|DISC))/i,
  subtotal: /^SUB[\s-]?TOTAL\b/i,
  tax: /^(?:GST|SST|VAT|TAX|SERVICE\s+(?:TAX|CHARGE))\b/i,
  rounding: /^ROUNDING\b|^ROUND(?:ING)?\s+ADJ/i,
  cash: /^(?:CASH|TENDERED|PAID|PAYMENT|CARD|VISA|MASTER)\b/i,
  change: /^CHANGE\b/i,
} as const;
