// Arithmetic: the items add up to the subtotal, subtotal + tax (+ the printed rounding) is the
// total (or the subtotal is the total when the tax is included), and a printed tax rate holds.
import type { FindingInput } from "../../domain/finding.js";
import { money, parseAmount } from "./amounts.js";
import { finding, q, RECEIPT_RULES as R } from "./findings.js";
import { isIncludedTax, lineAmount, type ReceiptLine } from "./lines.js";
import type { Receipt } from "./schema.js";

/** Amounts within a cent are equal (printed amounts have two decimals). */
const TOLERANCE_CENTS = 1;
const close = (a: number, b: number) => Math.abs(a - b) <= TOLERANCE_CENTS;

export interface ArithmeticResult {
  readonly findings: FindingInput[];
  /** What was checked; empty when nothing could be. */
  readonly checked: string[];
}

/** The amounts of the worker's fields (cents); unparseable ones become findings. */
function readFields(receipt: Receipt, findings: FindingInput[]) {
  const read = (field: string, printed: string | undefined) => {
    if (printed === undefined) return undefined;
    const cents = parseAmount(printed, { wholeUnits: true });
    if (cents === undefined) {
      findings.push(finding(R.amountUnparseable, "high", field, `${field} ${q(printed)} is not an amount`));
    }
    return cents;
  };
  const items = (receipt.items ?? []).map((item, i) => read(`items.${i}.amount`, item.amount));
  return {
    total: read("total", receipt.total),
    subtotal: read("subtotal", receipt.subtotal),
    tax: read("tax", receipt.tax),
    itemsSum:
      items.length > 0 && items.every((a) => a !== undefined)
        ? items.reduce<number>((sum, a) => sum + (a ?? 0), 0)
        : undefined,
  };
}

/** The printed tax rate of a tax line ("GST 6%", "VAT @ 20 %"), in percent. */
function printedRate(line: ReceiptLine): number | undefined {
  const m = /(\d{1,2}(?:[.,]\d{1,2})?)\s*%/.exec(line.text);
  return m?.[1] === undefined ? undefined : Number(m[1].replace(",", "."));
}

export function checkArithmetic(receipt: Receipt, lines: readonly ReceiptLine[]): ArithmeticResult {
  const findings: FindingInput[] = [];
  const fields = readFields(receipt, findings);
  if (findings.length > 0) return { findings, checked: [] };
  const { total, itemsSum } = fields;
  // Parts the worker left out are still printed: the receipt's own subtotal and tax lines.
  const subtotalLine = lines.find((l) => l.kind === "subtotal");
  const subtotal =
    fields.subtotal ?? (subtotalLine === undefined ? undefined : lineAmount(subtotalLine)?.cents);
  const checked: string[] = [];
  const payable = lines.filter((l) => l.kind === "total").at(-1);
  const rounding = lines.find((l) => l.kind === "rounding");
  const roundingCents = rounding === undefined ? 0 : (lineAmount(rounding)?.cents ?? 0);
  const taxLines = lines.filter((l) => l.kind === "tax");
  const included = taxLines.length > 0 && taxLines.every(isIncludedTax);
  // A tax the worker left out is still on the receipt: take the printed tax lines.
  const printedTax = taxLines.reduce((sum, l) => sum + (lineAmount(l)?.cents ?? 0), 0);
  const tax = fields.tax ?? (taxLines.length === 1 ? printedTax : undefined);
  const taxCents = included ? 0 : (fields.tax ?? printedTax);
  const addsUp = (base: number) =>
    total !== undefined && (close(base + taxCents, total) || close(base + taxCents + roundingCents, total));
  const plus = `${taxCents !== 0 ? ` + tax ${money(taxCents)}` : ""}${roundingCents !== 0 ? ` (+ rounding ${money(roundingCents)}, line ${rounding?.lineNo})` : ""}`;

  if (itemsSum !== undefined && subtotal !== undefined) {
    checked.push("items sum to the subtotal");
    if (!close(itemsSum, subtotal)) {
      findings.push(
        finding(
          R.itemsSum,
          "high",
          "items",
          `the items add up to ${money(itemsSum)} but the subtotal is ${money(subtotal)}${subtotalLine === undefined ? "" : ` (line ${subtotalLine.lineNo}: ${q(subtotalLine.text)})`}`,
          subtotalLine?.lineNo,
        ),
      );
    }
  }
  if (subtotal !== undefined && total !== undefined) {
    checked.push("subtotal + tax + rounding is the total");
    if (!addsUp(subtotal)) {
      findings.push(
        finding(
          R.totalMismatch,
          "critical",
          "total",
          `subtotal ${money(subtotal)}${plus} is ${money(subtotal + taxCents + roundingCents)}, but the total is ${q(receipt.total)}${payable === undefined ? "" : ` (the receipt's line ${payable.lineNo}: ${q(payable.text)})`}`,
          payable?.lineNo,
        ),
      );
    }
  } else if (itemsSum !== undefined && total !== undefined) {
    checked.push("items + tax + rounding is the total");
    if (!addsUp(itemsSum)) {
      findings.push(
        finding(
          R.itemsSum,
          "high",
          "items",
          `the items add up to ${money(itemsSum)}${plus}, but the total is ${q(receipt.total)}: an item or the total is wrong${payable === undefined ? "" : ` (the receipt's line ${payable.lineNo}: ${q(payable.text)})`}`,
          payable?.lineNo,
        ),
      );
    }
  }
  findings.push(...checkTaxRate(taxLines, subtotal ?? itemsSum, total, tax, included, checked));
  return { findings, checked };
}

/** The tax printed beside a rate ("GST 6%  2.40") must be that rate of the base, to the cent (±2). */
function checkTaxRate(
  taxLines: readonly ReceiptLine[],
  base: number | undefined,
  total: number | undefined,
  tax: number | undefined,
  included: boolean,
  checked: string[],
): FindingInput[] {
  if (tax === undefined || taxLines.length !== 1) return [];
  const line = taxLines[0] as ReceiptLine;
  const rate = printedRate(line);
  if (rate === undefined || rate <= 0) return [];
  const expected = included
    ? total === undefined
      ? undefined
      : (total * rate) / (100 + rate)
    : base === undefined
      ? undefined
      : (base * rate) / 100;
  if (expected === undefined) return [];
  checked.push(`tax is ${rate}% of the ${included ? "total" : "subtotal"}`);
  if (Math.abs(expected - tax) <= 2) return [];
  return [
    finding(
      R.taxRate,
      "medium",
      "tax",
      `tax ${money(tax)} is not ${rate}% (line ${line.lineNo}: ${q(line.text)}), which would be ${money(Math.round(expected))}`,
      line.lineNo,
    ),
  ];
}
