// Duplicate submissions: the same vendor, date and total already accepted in an earlier case of
// the workflow (read from the audit log through AuditContext.history).
import type { AuditHistory } from "../../audit/accepted-outputs.js";
import type { FindingInput } from "../../domain/finding.js";
import { parseAmount } from "./amounts.js";
import { isoDate, readDate } from "./dates.js";
import { finding, q, RECEIPT_RULES as R } from "./findings.js";
import { companyKey, loose } from "./fuzzy.js";
import { type Receipt, ReceiptSchema } from "./schema.js";

interface Earlier {
  readonly caseId: string;
  readonly taskId: string | null;
  readonly receipt: Receipt;
}

/** What makes two receipts the same purchase: the vendor, the day and the total. */
export function duplicateKey(receipt: Receipt, pivotYear?: number): string | undefined {
  const vendor = companyKey(receipt.company);
  const total = parseAmount(receipt.total, { wholeUnits: true });
  if (vendor.length === 0 || total === undefined) return undefined;
  const day = readDate(receipt.date, pivotYear)[0];
  return `${vendor}|${day === undefined ? loose(receipt.date) : isoDate(day)}|${total}`;
}

interface Index {
  afterSeq: number;
  readonly byKey: Map<string, Earlier>;
}

/** One index per log, extended with what was accepted since it was last read. */
const indexes = new WeakMap<AuditHistory, Index>();

function indexOf(history: AuditHistory, pivotYear: number): Index {
  let index = indexes.get(history);
  if (index === undefined) {
    index = { afterSeq: 0, byKey: new Map() };
    indexes.set(history, index);
  }
  for (const row of history.acceptedOutputs({ afterSeq: index.afterSeq })) {
    index.afterSeq = row.seq;
    const parsed = ReceiptSchema.safeParse(row.content);
    if (!parsed.success) continue;
    const key = duplicateKey(parsed.data, pivotYear);
    if (key !== undefined && !index.byKey.has(key)) {
      index.byKey.set(key, { caseId: row.caseId, taskId: row.taskId, receipt: parsed.data });
    }
  }
  return index;
}

export function checkDuplicate(
  receipt: Receipt,
  history: AuditHistory,
  caseId: string,
  pivotYear: number,
): FindingInput[] {
  const key = duplicateKey(receipt, pivotYear);
  if (key === undefined) return [];
  const earlier = indexOf(history, pivotYear).byKey.get(key);
  if (earlier === undefined || earlier.caseId === caseId) return [];
  const task = earlier.taskId === null ? "" : ` (task ${q(earlier.taskId)})`;
  return [
    finding(
      R.duplicate,
      "high",
      "total",
      `the same receipt was already accepted in case ${earlier.caseId}${task}: ${q(earlier.receipt.company)}, ${q(earlier.receipt.date)}, total ${q(earlier.receipt.total)}`,
    ),
  ];
}
