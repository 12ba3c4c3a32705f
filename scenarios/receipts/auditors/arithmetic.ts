// Arithmetic: the items add up to the subtotal, and subtotal + tax (+ rounding) is the total.
import { type AuditInput, defineAuditor, type FindingInput, type VerdictInput } from "../../../src/index.js";
import {
  LINE,
  lastAmount,
  parseAmount,
  type Receipt,
  type ReceiptInput,
  ReceiptSchema,
  receiptLines,
} from "../receipt.js";

/** Amounts within a cent are equal (printed amounts have two decimals). */
export const TOLERANCE = 0.01;

const close = (a: number, b: number) => Math.abs(a - b) <= TOLERANCE + 1e-9;
const money = (n: number) => n.toFixed(2);

/** The ROUNDING adjustment printed on the receipt, 0 when there is none. */
function roundingOf(text: string): number {
  const line = receiptLines(text).find((l) => LINE.rounding.test(l));
  const amount = line === undefined ? undefined : lastAmount(line);
  return (amount === undefined ? undefined : parseAmount(amount)) ?? 0;
}

export function checkArithmetic(receipt: Receipt, sourceText: string): VerdictInput {
  const findings: FindingInput[] = [];
  const read = (field: string, printed: string | undefined): number | undefined => {
    if (printed === undefined) return undefined;
    const value = parseAmount(printed);
    if (value === undefined) {
      findings.push({
        ruleId: "receipt.amount-unparseable",
        severity: "high",
        message: `${field} ${JSON.stringify(printed)} is not an amount`,
        location: { field },
      });
    }
    return value;
  };
  const total = read("total", receipt.total);
  const subtotal = read("subtotal", receipt.subtotal);
  const tax = read("tax", receipt.tax) ?? 0;
  const amounts = (receipt.items ?? []).map((item, i) => read(`items.${i}.amount`, item.amount));
  const itemsSum =
    amounts.length > 0 && amounts.every((a) => a !== undefined)
      ? amounts.reduce<number>((sum, a) => sum + (a ?? 0), 0)
      : undefined;
  if (findings.length > 0) {
    return { decision: "fail", confidence: 0.9, findings, rationale: "some amounts cannot be read" };
  }

  const rounding = roundingOf(sourceText);
  const addsUp = (base: number) =>
    total !== undefined && (close(base + tax, total) || close(base + tax + rounding, total));
  const checks: string[] = [];

  if (itemsSum !== undefined && subtotal !== undefined) {
    checks.push("items sum to the subtotal");
    if (!close(itemsSum, subtotal)) {
      findings.push({
        ruleId: "receipt.items-sum",
        severity: "high",
        message: `the items add up to ${money(itemsSum)} but the subtotal is ${money(subtotal)}`,
        location: { field: "items" },
      });
    }
  }
  if (subtotal !== undefined && total !== undefined) {
    checks.push("subtotal + tax + rounding is the total");
    if (!addsUp(subtotal)) {
      findings.push({
        ruleId: "receipt.total-mismatch",
        severity: "critical",
        message: `subtotal ${money(subtotal)} + tax ${money(tax)}${rounding !== 0 ? ` + rounding ${money(rounding)}` : ""} is ${money(subtotal + tax + rounding)}, but the total is ${money(total)}`,
        location: { field: "total" },
      });
    }
  } else if (itemsSum !== undefined && total !== undefined) {
    checks.push("items + tax + rounding is the total");
    if (!addsUp(itemsSum)) {
      findings.push({
        ruleId: "receipt.items-sum",
        severity: "high",
        message: `the items add up to ${money(itemsSum)} (+ tax ${money(tax)}), but the total is ${money(total)}: an item or the total is wrong`,
        location: { field: "items" },
      });
    }
  }

  if (checks.length === 0) {
    return {
      decision: "abstain",
      confidence: 0.5,
      rationale: "no subtotal or items to check the total against",
    };
  }
  if (findings.length > 0) {
    return { decision: "fail", confidence: 0.95, findings, rationale: `checked: ${checks.join("; ")}` };
  }
  return { decision: "pass", confidence: 0.95, rationale: `consistent: ${checks.join("; ")}` };
}

export const arithmetic = defineAuditor<ReceiptInput, Receipt>({
  name: "arithmetic",
  audit(input: AuditInput<ReceiptInput, Receipt>): VerdictInput {
    const receipt = ReceiptSchema.safeParse(input.output.content);
    if (!receipt.success) {
      return { decision: "abstain", confidence: 0, rationale: "the output is not a receipt" };
    }
    return checkArithmetic(receipt.data, String(input.task.input?.text ?? ""));
  },
});
