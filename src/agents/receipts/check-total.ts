// The total: the amount payable as printed (after rounding), not the tax, subtotal, cash or
// change; a near miss of it (transposed digits, dropped cents) is named as such.
import type { FindingInput } from "../../domain/finding.js";
import { money, parseAmount } from "./amounts.js";
import { finding, q, RECEIPT_RULES as R } from "./findings.js";
import { lineAmount, type ReceiptLine } from "./lines.js";

const sortedDigits = (cents: number) => [...String(Math.abs(cents))].sort().join("");

/** The payable lines, last one last: TOTAL, GRAND TOTAL, AMOUNT DUE... */
export function payableLines(lines: readonly ReceiptLine[]): ReceiptLine[] {
  return lines.filter((l) => l.kind === "total" && lineAmount(l) !== undefined);
}

const KIND_NAME: Record<string, string> = {
  cash: "CASH / payment",
  change: "CHANGE",
  "other-total": "non-payable total",
  rounding: "ROUNDING",
  text: "",
};

/** Why `cents` is not the payable amount `payable`, when it is a known mistake. */
function nearMiss(
  printed: string,
  cents: number,
  payable: { line: ReceiptLine; cents: number },
  lines: readonly ReceiptLine[],
): FindingInput | undefined {
  const where = `${payable.line.lineNo}: ${q(payable.line.text)}`;
  const onLine = (kind: ReceiptLine["kind"]) =>
    lines.find((l) => l.kind === kind && l.amounts.some((a) => a.cents === cents));
  const tax = onLine("tax");
  if (tax !== undefined) {
    return finding(
      R.totalIsTax,
      "critical",
      "total",
      `total ${q(printed)} is the tax (line ${tax.lineNo}: ${q(tax.text)}); the amount payable is ${money(payable.cents)} (line ${where})`,
      tax.lineNo,
    );
  }
  const subtotal = onLine("subtotal");
  if (subtotal !== undefined) {
    return finding(
      R.totalIsSubtotal,
      "critical",
      "total",
      `total ${q(printed)} is the subtotal (line ${subtotal.lineNo}: ${q(subtotal.text)}); the amount payable is ${money(payable.cents)} (line ${where})`,
      subtotal.lineNo,
    );
  }
  for (const kind of ["cash", "change", "other-total", "rounding"] as const) {
    const other = onLine(kind);
    if (other !== undefined) {
      return finding(
        R.totalNotTotalLine,
        "critical",
        "total",
        `total ${q(printed)} is the amount on the ${KIND_NAME[kind]} line (line ${other.lineNo}: ${q(other.text)}), not the amount payable ${money(payable.cents)} (line ${where})`,
        other.lineNo,
      );
    }
  }
  if (cents !== payable.cents && sortedDigits(cents) === sortedDigits(payable.cents)) {
    return finding(
      R.totalTransposed,
      "critical",
      "total",
      `total ${q(printed)} has the digits of the amount payable ${money(payable.cents)} in another order (line ${where}): transposed digits`,
      payable.line.lineNo,
    );
  }
  const whole = Math.trunc(payable.cents / 100) * 100;
  if (payable.cents % 100 !== 0 && (cents === whole || cents === payable.cents * 100)) {
    const what = cents === whole ? "without its cents" : "without its decimal point";
    return finding(
      R.totalCentsDropped,
      "critical",
      "total",
      `total ${q(printed)} is the amount payable ${money(payable.cents)} ${what} (line ${where})`,
      payable.line.lineNo,
    );
  }
  return undefined;
}

/** Checks the worker's total against the document's lines. */
export function checkTotal(printed: string, lines: readonly ReceiptLine[]): FindingInput[] {
  const cents = parseAmount(printed, { wholeUnits: true });
  if (cents === undefined) {
    return [finding(R.amountUnparseable, "critical", "total", `total ${q(printed)} is not an amount`)];
  }
  const payables = payableLines(lines);
  const last = payables.at(-1);
  if (last === undefined) {
    // No payable line: the total must at least be printed, and not as tax, cash or change.
    const anywhere = lines.find((l) => l.amounts.some((a) => a.cents === cents));
    if (anywhere === undefined || !["text", "total"].includes(anywhere.kind)) {
      const why =
        anywhere === undefined
          ? "is not printed on the receipt"
          : `is on a ${anywhere.kind} line (line ${anywhere.lineNo}: ${q(anywhere.text)})`;
      return [
        finding(
          R.notInSource,
          "critical",
          "total",
          `total ${q(printed)} ${why}, and the receipt has no TOTAL / AMOUNT DUE line`,
          anywhere?.lineNo,
        ),
      ];
    }
    return [];
  }
  const payable = { line: last, cents: lineAmount(last)?.cents ?? 0 };
  if (cents === payable.cents) return [];
  const earlier = payables.find((l) => lineAmount(l)?.cents === cents);
  if (earlier !== undefined) {
    return [
      finding(
        R.totalBeforeRounding,
        "medium",
        "total",
        `total ${q(printed)} is on line ${earlier.lineNo} (${q(earlier.text)}), but the amount payable is ${money(payable.cents)} on line ${payable.line.lineNo} (${q(payable.line.text)})`,
        earlier.lineNo,
      ),
    ];
  }
  const miss = nearMiss(printed, cents, payable, lines);
  if (miss !== undefined) return [miss];
  return [
    finding(
      R.notInSource,
      "critical",
      "total",
      `total ${q(printed)} is not the amount payable: the receipt prints ${q(lineAmount(last)?.printed ?? "")} on line ${payable.line.lineNo} (${q(payable.line.text)})`,
      payable.line.lineNo,
    ),
  ];
}
