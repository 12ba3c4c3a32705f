// Vendor registry: the company is a known vendor, judged on the registry entries retrieved as evidence.
import {
  type AuditInput,
  defineAuditor,
  type Evidence,
  type FindingInput,
  type Verdict,
  type VerdictInput,
} from "../../../src/index.js";
import { type Receipt, type ReceiptInput, ReceiptSchema } from "../receipt.js";
import { sha256Hex, vendorKey } from "../registry.js";

/** Others must be at least this sure before an unknown vendor alone is let go. */
export const YIELD_MIN_CONFIDENCE = 0.8;

const UNKNOWN_VENDOR = "receipt.unknown-vendor";

/** Registry entries (from vendors.json) whose name is the company's and whose text is intact. */
function matchingEntries(company: string, evidence: readonly Evidence[]): Evidence[] {
  const key = vendorKey(company);
  return evidence.filter(
    (e) =>
      e.source.startsWith("vendors.json#") &&
      sha256Hex(e.text) === e.contentHash &&
      vendorKey(e.text.split("\n")[0] ?? "") === key,
  );
}

export function checkVendor(receipt: Receipt, text: string, evidence: readonly Evidence[]): VerdictInput {
  const entries = matchingEntries(receipt.company, evidence);
  if (entries.length === 0) {
    return {
      decision: "fail",
      confidence: 0.7,
      findings: [
        {
          ruleId: UNKNOWN_VENDOR,
          severity: "medium",
          message: `${JSON.stringify(receipt.company)} is not in the vendor registry`,
          location: { field: "company" },
        },
      ],
      rationale: "no registry entry matches the company",
    };
  }
  const ids = entries.map((e) => e.id);
  // A registration number printed on the receipt must be the registry's.
  const printed = text.match(/\b[A-Z]{0,3}\d{5,}-[A-Z]\b/g) ?? [];
  const registered = entries.map((e) => /^Registration: (.+)$/m.exec(e.text)?.[1]?.trim() ?? "");
  const stray = printed.filter((reg) => !registered.includes(reg));
  if (printed.length > 0 && stray.length === printed.length) {
    const finding: FindingInput = {
      ruleId: "receipt.vendor-registration-mismatch",
      severity: "high",
      message: `the receipt prints registration ${stray.join(", ")} but the registry has ${registered.join(", ")} for ${receipt.company}`,
      location: { field: "company" },
      evidenceIds: ids,
    };
    return {
      decision: "fail",
      confidence: 0.85,
      findings: [finding],
      rationale: "registration number differs",
    };
  }
  return {
    decision: "pass",
    confidence: printed.length > 0 ? 0.95 : 0.85,
    findings: [
      {
        ruleId: "receipt.known-vendor",
        severity: "info",
        message: `${receipt.company} is registered (${registered.join(", ")})`,
        location: { field: "company" },
        evidenceIds: ids,
      },
    ],
    rationale: `found in the registry as ${ids.join(", ")}`,
  };
}

/**
 * Yields when its only objection is an unknown vendor and every other auditor passed with high
 * confidence: the registry is incomplete, the numbers and fields were verified. Otherwise keeps
 * its verdict.
 */
export function reconsiderVendor(own: Verdict, others: readonly Verdict[]): VerdictInput {
  const onlyUnknown = own.findings.length > 0 && own.findings.every((f) => f.ruleId === UNKNOWN_VENDOR);
  const othersSure =
    others.length > 0 && others.every((v) => v.decision === "pass" && v.confidence >= YIELD_MIN_CONFIDENCE);
  if (own.decision !== "fail" || !onlyUnknown || !othersSure) {
    return {
      decision: own.decision,
      confidence: own.confidence,
      findings: own.findings,
      rationale: own.rationale,
    };
  }
  return {
    decision: "abstain",
    confidence: 0.5,
    findings: own.findings.map((f) => ({
      ...f,
      severity: "info",
      message: `${f.message}; not blocking: ${others.map((v) => v.auditor).join(", ")} verified the receipt`,
    })),
    rationale: `yields: an unknown vendor alone does not outweigh ${others.length} confident passes`,
  };
}

export const vendorRegistry = defineAuditor<ReceiptInput, Receipt>({
  name: "vendor-registry",
  audit(input: AuditInput<ReceiptInput, Receipt>): VerdictInput {
    const receipt = ReceiptSchema.safeParse(input.output.content);
    if (!receipt.success) {
      return { decision: "abstain", confidence: 0, rationale: "the output is not a receipt" };
    }
    return checkVendor(receipt.data, String(input.task.input?.text ?? ""), input.evidence);
  },
  reconsider: (own, others) => reconsiderVendor(own, others),
});
