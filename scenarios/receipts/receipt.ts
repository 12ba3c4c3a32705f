// The receipt domain of the bundled workflow (schemas from the library), and how the scripted
// extractor reads a line: its own label folding and column split, independent of receiptAudit's
// matching, so that the re-extract auditor is a second opinion.
import { parseAmount } from "../../src/index.js";

export type { Receipt, ReceiptInput } from "../../src/index.js";
export { ReceiptInputSchema, ReceiptSchema } from "../../src/index.js";

/**
 * A label as the extractor compares it: upper case, digits OCR confuses with letters read as
 * those letters (0 O, 1 L, 5 S, 8 B), I read as L, letters only ("T0TAL:" -> "TOTAL").
 */
export function fold(text: string): string {
  return text
    .toUpperCase()
    .replace(/0/g, "O")
    .replace(/[1I|]/g, "L")
    .replace(/5/g, "S")
    .replace(/8/g, "B")
    .replace(/[^A-Z]/g, "");
}

/** The amount column of a line: the text after its last run of two or more spaces, when it is an amount. */
export function amountColumn(line: string): string | undefined {
  const columns = line.trim().split(/\s{2,}/);
  const last = columns.at(-1);
  if (columns.length < 2 || last === undefined) return undefined;
  const printed = /(\S+\s?€|(?:RM|S\$|\$|£)\s?-?\S+|\S+)$/.exec(last)?.[1];
  return printed !== undefined && parseAmount(printed) !== undefined ? printed : undefined;
}

/** Line kinds the extractor looks for, on folded labels (see `fold`). */
export const LINE = {
  total:
    /^(?:GRAND|NETT?|GESAMT)?TOTAL(?!QTY|QUANTLTY|EXCL|LTEMS?|SAV|DLSC|TAX)|^(?:AMOUNT|BALANCE|TOTAL)DUE|^SUMME|^GESAMT/,
  subtotal: /^SUBTOTAL/,
  tax: /^(?:GST|SST|VAT|TAX|SERVLCE|SALESTAX|LNCL|MWST)/,
} as const;

/** The receipt's non-empty lines, trimmed. */
export function receiptLines(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}
