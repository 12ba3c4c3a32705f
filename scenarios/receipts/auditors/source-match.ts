// Source match: every extracted field is printed on the receipt, where it belongs.
import { type AuditInput, defineAuditor, type FindingInput, type VerdictInput } from "../../../src/index.js";
import { isCalendarDate, readDate } from "../dates.js";
import {
  AMOUNT_PATTERN,
  LINE,
  normalize,
  parseAmount,
  type Receipt,
  type ReceiptInput,
  ReceiptSchema,
  receiptLines,
  sameAmount,
} from "../receipt.js";

/** The shop's name is printed in the first lines. */
export const HEADER_LINES = 3;

interface PrintedAmount {
  value: number;
  line: string;
  lineNo: number;
}

function printedAmounts(lines: readonly string[]): PrintedAmount[] {
  return lines.flatMap((line, i) =>
    (line.match(AMOUNT_PATTERN) ?? []).flatMap((printed) => {
      const value = parseAmount(printed);
      return value === undefined ? [] : [{ value, line, lineNo: i + 1 }];
    }),
  );
}

function notInSource(field: string, message: string, severity: FindingInput["severity"]): FindingInput {
  return { ruleId: "receipt.field-not-in-source", severity, message, location: { field } };
}

function checkTotal(printed: string, amounts: readonly PrintedAmount[]) {
  const total = parseAmount(printed);
  if (total === undefined)
    return notInSource("total", `total ${JSON.stringify(printed)} is not an amount`, "high");
  const onTotalLines = amounts.filter((a) => LINE.total.test(a.line));
  if (onTotalLines.some((a) => sameAmount(a.value, total))) return undefined;
  const elsewhere = amounts.find((a) => sameAmount(a.value, total));
  if (onTotalLines.length > 0 && elsewhere !== undefined) {
    const kind = LINE.cash.test(elsewhere.line)
      ? "CASH"
      : LINE.change.test(elsewhere.line)
        ? "CHANGE"
        : "another";
    return {
      ruleId: "receipt.total-not-total-line",
      severity: "critical",
      message: `total ${printed} is the amount on the ${kind} line (line ${elsewhere.lineNo}: ${JSON.stringify(elsewhere.line)}), not on the TOTAL line (${onTotalLines.map((a) => a.value.toFixed(2)).join(", ")})`,
      location: { field: "total", line: elsewhere.lineNo },
    } satisfies FindingInput;
  }
  if (elsewhere !== undefined) return undefined; // no TOTAL line to compare with; it is printed
  return notInSource("total", `total ${printed} is not printed anywhere on the receipt`, "high");
}

export function checkSource(receipt: Receipt, text: string): VerdictInput {
  const lines = receiptLines(text);
  const whole = normalize(lines.join(" "));
  const amounts = printedAmounts(lines);
  const findings: FindingInput[] = [];

  const header = normalize(lines.slice(0, HEADER_LINES).join(" "));
  if (!header.includes(normalize(receipt.company))) {
    findings.push(
      notInSource(
        "company",
        `company ${JSON.stringify(receipt.company)} is not in the receipt's header`,
        "high",
      ),
    );
  }
  if (!whole.includes(normalize(receipt.address))) {
    findings.push(
      notInSource("address", `address ${JSON.stringify(receipt.address)} is not on the receipt`, "medium"),
    );
  }

  const date = readDate(receipt.date);
  if (!whole.includes(normalize(receipt.date))) {
    findings.push(notInSource("date", `date ${JSON.stringify(receipt.date)} is not on the receipt`, "high"));
  } else if (date === undefined || !isCalendarDate(date)) {
    findings.push({
      ruleId: "receipt.invalid-date",
      severity: "high",
      message: `date ${JSON.stringify(receipt.date)} is printed but is not a calendar date (misread by OCR?)`,
      location: { field: "date" },
    });
  }

  const total = checkTotal(receipt.total, amounts);
  if (total !== undefined) findings.push(total);

  for (const field of ["subtotal", "tax"] as const) {
    const printed = receipt[field];
    if (printed === undefined) continue;
    const value = parseAmount(printed);
    if (value === undefined || !amounts.some((a) => sameAmount(a.value, value))) {
      findings.push(
        notInSource(field, `${field} ${JSON.stringify(printed)} is not printed on the receipt`, "medium"),
      );
    }
  }
  for (const [i, item] of (receipt.items ?? []).entries()) {
    const value = parseAmount(item.amount);
    const line = lines.find((l) => normalize(l).includes(normalize(item.name)));
    if (
      line === undefined ||
      value === undefined ||
      !printedAmounts([line]).some((a) => sameAmount(a.value, value))
    ) {
      findings.push(
        notInSource(
          `items.${i}`,
          `item ${JSON.stringify(item.name)} for ${item.amount} is not a line of the receipt`,
          "medium",
        ),
      );
    }
  }

  if (findings.length > 0) {
    return {
      decision: "fail",
      confidence: 0.9,
      findings,
      rationale: `${findings.length} field(s) do not match the receipt`,
    };
  }
  return {
    decision: "pass",
    confidence: 0.9,
    rationale: "every field is printed on the receipt where it belongs",
  };
}

export const sourceMatch = defineAuditor<ReceiptInput, Receipt>({
  name: "source-match",
  audit(input: AuditInput<ReceiptInput, Receipt>): VerdictInput {
    const receipt = ReceiptSchema.safeParse(input.output.content);
    if (!receipt.success) {
      return { decision: "abstain", confidence: 0, rationale: "the output is not a receipt" };
    }
    return checkSource(receipt.data, String(input.task.input?.text ?? ""));
  },
});
