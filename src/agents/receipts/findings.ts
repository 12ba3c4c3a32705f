// Findings of the receipt checks: every one names the field, what the worker said, and what the
// document says, with the line.
import type { FindingInput, Severity } from "../../domain/finding.js";

/** Rule ids raised by receiptAudit(). */
export const RECEIPT_RULES = {
  notInSource: "receipt.field-not-in-source",
  amountUnparseable: "receipt.amount-unparseable",
  totalNotTotalLine: "receipt.total-not-total-line",
  totalIsTax: "receipt.total-is-tax",
  totalIsSubtotal: "receipt.total-is-subtotal",
  totalTransposed: "receipt.total-transposed",
  totalCentsDropped: "receipt.total-cents-dropped",
  totalBeforeRounding: "receipt.total-before-rounding",
  totalMismatch: "receipt.total-mismatch",
  itemsSum: "receipt.items-sum",
  taxRate: "receipt.tax-rate-mismatch",
  invalidDate: "receipt.invalid-date",
  dateReformatted: "receipt.date-reformatted",
  dateInFuture: "receipt.date-in-future",
  dateTooOld: "receipt.date-too-old",
  companyNotHeader: "receipt.company-not-header",
  addressTruncated: "receipt.address-truncated",
  unknownVendor: "receipt.unknown-vendor",
  knownVendor: "receipt.known-vendor",
  registrationMismatch: "receipt.vendor-registration-mismatch",
  vendorAddressMismatch: "receipt.vendor-address-mismatch",
  duplicate: "receipt.duplicate-submission",
} as const;

export const q = (text: string) => JSON.stringify(text);

/** A finding on `field`, at `line` (1-based, non-empty lines) when the document has one. */
export function finding(
  ruleId: string,
  severity: Severity,
  field: string,
  message: string,
  line?: number,
  evidenceIds?: string[],
): FindingInput {
  return {
    ruleId,
    severity,
    message,
    location: line === undefined ? { field } : { field, line },
    ...(evidenceIds === undefined ? {} : { evidenceIds }),
  };
}
