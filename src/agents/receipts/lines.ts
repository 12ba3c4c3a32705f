// The lines of a receipt and what each is: the payable total, subtotal, tax, rounding, cash,
// change, or a total that is not payable (quantity, excluding tax). Labels are read through OCR
// noise: case, spaces, punctuation, and the O/0, I/l/1, S/5 confusions.
import { AMOUNT_PATTERN, amountsOn, type PrintedAmount } from "./amounts.js";

export type LineKind = "total" | "subtotal" | "tax" | "rounding" | "cash" | "change" | "other-total" | "text";

export interface ReceiptLine {
  /** 1-based, counting the non-empty lines of the text (as `location.line`). */
  readonly lineNo: number;
  readonly text: string;
  /** The text before the first amount, canonical (see `canonLabel`). */
  readonly label: string;
  readonly kind: LineKind;
  readonly amounts: readonly PrintedAmount[];
}

/**
 * A label reduced to what survives OCR: upper case, 0 -> O, 1/l/| -> I, L -> I, 5 -> S, 8 -> B, then
 * letters only ("T0TAL" and "Total:" both give "TOTAI").
 */
export function canonLabel(text: string): string {
  return text
    .toUpperCase()
    .replace(/0/g, "O")
    .replace(/[1|!L]/g, "I")
    .replace(/5/g, "S")
    .replace(/8/g, "B")
    .replace(/[^A-Z]/g, "");
}

const k = (...words: string[]) => words.map(canonLabel);

const NOT_PAYABLE_AFTER_TOTAL = k(
  "QTY",
  "QUANTITY",
  "ITEM",
  "EXCL",
  "EXCLUDING",
  "BEFORE",
  "SAVING",
  "DISC",
  "DISCOUNT",
  "TAX",
  "GST",
  "SST",
  "VAT",
  "WEIGHT",
  "POINTS",
);
const PAYABLE = k(
  "TOTAL",
  "GRANDTOTAL",
  "NETTOTAL",
  "AMOUNTDUE",
  "AMOUNTPAYABLE",
  "BALANCEDUE",
  "TOTALDUE",
  "NETAMOUNT",
  "TOTALAMOUNT",
  "TOTALPAYABLE",
  "SUMME",
  "TOTALTTC",
  "NETTTOTAL",
  "GESAMT",
);
const SUBTOTAL = k("SUBTOTAL", "SUBTOTAI", "SUBTTL", "SUB-TOTAL");
const TAX = k("GST", "SST", "VAT", "TAX", "SERVICETAX", "SERVICECHARGE", "SALESTAX", "MWST", "TVA", "IVA");
const INCLUDED_TAX = k("INCL", "INCLUDED", "INCLUSIVE", "INCLVAT", "INCLGST");
const ROUNDING = k("ROUNDING", "ROUNDINGADJ", "ROUNDADJ", "ROUND");
const CASH = k(
  "CASH",
  "TENDERED",
  "PAID",
  "PAYMENT",
  "CARD",
  "VISA",
  "MASTER",
  "MASTERCARD",
  "AMEX",
  "EFTPOS",
);
const CHANGE = k("CHANGE", "BALANCE");

const startsWithAny = (label: string, words: readonly string[]) => words.some((w) => label.startsWith(w));

/** What a line is, from its canonical label (the text before its first amount). */
export function lineKind(label: string): LineKind {
  if (label.length === 0) return "text";
  if (startsWithAny(label, SUBTOTAL)) return "subtotal";
  if (startsWithAny(label, ROUNDING)) return "rounding";
  if (startsWithAny(label, INCLUDED_TAX) || startsWithAny(label, TAX)) return "tax";
  if (startsWithAny(label, CHANGE) && !label.startsWith(canonLabel("BALANCEDUE"))) return "change";
  for (const word of PAYABLE) {
    if (!label.startsWith(word)) continue;
    const rest = label.slice(word.length);
    if (word === canonLabel("TOTAL") && startsWithAny(rest, NOT_PAYABLE_AFTER_TOTAL)) return "other-total";
    return "total";
  }
  if (startsWithAny(label, CASH)) return "cash";
  return "text";
}

/** Whether a tax line says the tax is included in the amounts ("incl. VAT 20%"). */
export function isIncludedTax(line: ReceiptLine): boolean {
  return line.kind === "tax" && INCLUDED_TAX.some((w) => line.label.includes(w));
}

/** The receipt's non-empty lines, trimmed, numbered and classified. */
export function receiptLines(text: string): ReceiptLine[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((line, i) => {
      const first = line.search(new RegExp(AMOUNT_PATTERN.source, "i"));
      const amounts = amountsOn(line);
      const label = canonLabel(amounts.length === 0 ? line : line.slice(0, Math.max(0, first)));
      return {
        lineNo: i + 1,
        text: line,
        label,
        kind: amounts.length === 0 ? "text" : lineKind(label),
        amounts,
      };
    });
}

/** The amount a line states: its last amount (the one in the amount column). */
export function lineAmount(line: ReceiptLine): PrintedAmount | undefined {
  return line.amounts.at(-1);
}
