// receiptAudit(): checks a worker's receipt extraction against the receipt's text, against its
// own arithmetic, against the vendor registry (when retrieved as evidence) and against the
// receipts already accepted in the audit log.

import { z } from "zod";
import type { FindingInput } from "../../domain/finding.js";
import { severityRank } from "../../domain/finding.js";
import { parseWith } from "../../domain/parse.js";
import type { VerdictInput } from "../../domain/verdict.js";
import { type AuditContext, type AuditInput, type Auditor, defineAuditor } from "../auditor.js";
import { parseAmount } from "./amounts.js";
import { checkArithmetic } from "./check-arithmetic.js";
import { checkDate } from "./check-date.js";
import { checkAddress, checkCompany } from "./check-parties.js";
import { checkRegistry } from "./check-registry.js";
import { checkTotal } from "./check-total.js";
import { checkDuplicate } from "./duplicates.js";
import { finding, q, RECEIPT_RULES as R } from "./findings.js";
import { fuzzyFind, loose, tolerance } from "./fuzzy.js";
import { type ReceiptLine, receiptLines } from "./lines.js";
import { type Receipt, type ReceiptInput, receiptCase } from "./schema.js";

export const DEFAULT_RECEIPT_AUDITOR_NAME = "receipt-audit";
/** Dates older than this are implausible. */
export const DEFAULT_MAX_AGE_YEARS = 10;

const ReceiptAuditOptionsSchema = z.object({
  name: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/)
    .optional(),
  now: z.union([z.number().int().nonnegative(), z.function()]).optional(),
  maxAgeYears: z.number().positive().optional(),
  registry: z.object({ sourcePrefix: z.string().min(1) }).optional(),
  duplicates: z.boolean().optional(),
});

/** Options of `receiptAudit()`. */
export interface ReceiptAuditOptions {
  /** The auditor's name in verdicts and the log. Default "receipt-audit". */
  name?: string;
  /** Today, for "the date is not in the future": ms UTC, or a clock. Default `Date.now`. */
  now?: number | (() => number);
  /** A date more than this many years before `now` is implausible (medium). Default 10. */
  maxAgeYears?: number;
  /**
   * The vendor registry, served as evidence by the workflow's retriever: entries whose `source`
   * starts with `sourcePrefix` (text `NAME\nRegistration: ...\nAddress: ...`). Default: no
   * registry check.
   */
  registry?: { sourcePrefix: string };
  /**
   * Flag a receipt whose vendor, date and total were already accepted in an earlier case of the
   * workflow (`receipt.duplicate-submission`), read from the run's audit log. Default true.
   */
  duplicates?: boolean;
}

const blocking = (f: FindingInput) => severityRank(f.severity) >= severityRank("low");

/** Subtotal, tax and items must be printed; an item on the line that names it. */
function checkPrintedParts(receipt: Receipt, lines: readonly ReceiptLine[]): FindingInput[] {
  const found: FindingInput[] = [];
  for (const field of ["subtotal", "tax"] as const) {
    const printed = receipt[field];
    if (printed === undefined) continue;
    const cents = parseAmount(printed, { wholeUnits: true });
    if (cents !== undefined && lines.some((l) => l.amounts.some((a) => a.cents === cents))) continue;
    found.push(
      finding(R.notInSource, "medium", field, `${field} ${q(printed)} is not printed on the receipt`),
    );
  }
  for (const [i, item] of (receipt.items ?? []).entries()) {
    const cents = parseAmount(item.amount, { wholeUnits: true });
    const key = loose(item.name);
    const line = lines.find((l) => {
      const hit = fuzzyFind(key, loose(l.text));
      return (
        hit !== undefined && hit.distance <= tolerance(key.length) && l.amounts.some((a) => a.cents === cents)
      );
    });
    if (line === undefined) {
      found.push(
        finding(
          R.notInSource,
          "medium",
          `items.${i}`,
          `item ${q(item.name)} for ${q(item.amount)} is not a line of the receipt`,
        ),
      );
    }
  }
  return found;
}

/** The checks, as a verdict: fail on any finding of low severity or more. */
export function auditReceipt(
  receipt: Receipt,
  input: { text: string; evidence: AuditInput["evidence"]; caseId: string },
  options: ReceiptAuditOptions,
  context?: Pick<AuditContext, "history">,
): VerdictInput {
  const now = typeof options.now === "function" ? options.now() : (options.now ?? Date.now());
  const lines = receiptLines(input.text);
  const arithmetic = checkArithmetic(receipt, lines);
  const findings: FindingInput[] = [
    ...checkTotal(receipt.total, lines),
    ...arithmetic.findings,
    ...checkDate(
      receipt.date,
      lines.map((l) => l.text),
      { now, maxAgeYears: options.maxAgeYears ?? DEFAULT_MAX_AGE_YEARS },
    ),
    ...checkCompany(receipt.company, lines),
    ...checkAddress(receipt.address, lines),
    ...checkPrintedParts(receipt, lines),
  ];
  if (options.registry !== undefined) {
    const registry = checkRegistry(receipt.company, lines, input.evidence, options.registry);
    const verified = findings.every((f) => !blocking(f)) && arithmetic.checked.length > 0;
    for (const f of registry.findings) {
      // An incomplete registry alone does not block a receipt whose every field and sum checked out.
      findings.push(
        !registry.known && verified
          ? {
              ...f,
              severity: "info",
              message: `${f.message}; not blocking: every field matched the receipt and the amounts add up`,
            }
          : f,
      );
    }
  }
  if (options.duplicates !== false && context?.history !== undefined) {
    findings.push(...checkDuplicate(receipt, context.history, input.caseId, new Date(now).getUTCFullYear()));
  }
  const checked = ["total", "date", "company", "address", ...arithmetic.checked];
  const failing = findings.filter(blocking);
  if (failing.length > 0) {
    return {
      decision: "fail",
      confidence: 0.9,
      findings,
      rationale: `${failing.length} problem(s): ${[...new Set(failing.map((f) => f.location?.field))].join(", ")}`,
    };
  }
  return {
    decision: "pass",
    confidence: arithmetic.checked.length > 0 ? 0.9 : 0.8,
    findings,
    rationale: `checked: ${checked.join("; ")}`,
  };
}

/**
 * An auditor of receipt extractions (task input `{ text }`, output `{ company, date, address,
 * total, subtotal?, tax?, currency?, items? }` as printed). Deterministic; see docs/receipts.md.
 */
export function receiptAudit(options: ReceiptAuditOptions = {}): Auditor<ReceiptInput, Receipt> {
  const resolved = parseWith(
    ReceiptAuditOptionsSchema,
    options,
    "WORKFLOW_INVALID",
    "receiptAudit options",
  ) as ReceiptAuditOptions;
  return defineAuditor<ReceiptInput, Receipt>({
    name: resolved.name ?? DEFAULT_RECEIPT_AUDITOR_NAME,
    audit(input, context) {
      // Untrusted input: any shape may arrive; only a receipt and its text are audited.
      const given = input as Partial<AuditInput<ReceiptInput, Receipt>> | undefined;
      const found = receiptCase(given);
      if (found === undefined) {
        return {
          decision: "abstain",
          confidence: 0,
          rationale: "the output is not a receipt, or the task has no receipt text",
        };
      }
      const evidence = Array.isArray(given?.evidence) ? given.evidence : [];
      const caseId = String(given?.caseId ?? "");
      return auditReceipt(found.receipt, { text: found.text, evidence, caseId }, resolved, context);
    },
  });
}
