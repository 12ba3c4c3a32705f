// Ground truth: the vendor registry entries retrieved as evidence. The company must be a known
// vendor; a registration number or address printed on the receipt must be the registry's.
import type { Evidence } from "../../domain/evidence.js";
import type { FindingInput } from "../../domain/finding.js";
import { sha256Hex } from "../../internal/sha256.js";
import { finding, q, RECEIPT_RULES as R } from "./findings.js";
import { companyKey, editDistance, fuzzyFind, loose, looseLines, tolerance } from "./fuzzy.js";
import type { ReceiptLine } from "./lines.js";

/**
 * Registry entries are evidence whose `source` starts with `sourcePrefix` and whose text is
 * `NAME\nRegistration: ...\nAddress: ...` (the bundled `vendors.json` retriever's format).
 */
export interface RegistryOptions {
  /** e.g. "vendors.json#". Evidence from other sources is not registry ground truth. */
  readonly sourcePrefix: string;
}

export interface VendorEntry {
  readonly evidenceId: string;
  readonly name: string;
  readonly registration: string | undefined;
  readonly address: string | undefined;
}

/** Registry entries among the evidence, whose text still matches its content hash. */
export function registryEntries(evidence: readonly Evidence[], options: RegistryOptions): VendorEntry[] {
  return evidence
    .filter((e) => e.source.startsWith(options.sourcePrefix) && sha256Hex(e.text) === e.contentHash)
    .map((e) => ({
      evidenceId: e.id,
      name: e.text.split("\n")[0]?.trim() ?? "",
      registration: /^Registration: (.+)$/m.exec(e.text)?.[1]?.trim(),
      address: /^Address: (.+)$/m.exec(e.text)?.[1]?.trim(),
    }));
}

const sameName = (a: string, b: string) => {
  const ka = companyKey(a);
  const kb = companyKey(b);
  return ka.length > 0 && editDistance(ka, kb) <= tolerance(Math.max(ka.length, kb.length), 0.1);
};

/** Registration numbers printed on the receipt: "1012345-K", "(002233445-P)", "JM0765432-U". */
const REGISTRATION_NUMBER = /\b[A-Z]{0,3}\d{5,}-[A-Z]\b/g;

export interface RegistryResult {
  readonly findings: FindingInput[];
  /** Whether the company is a registered vendor. */
  readonly known: boolean;
}

export function checkRegistry(
  company: string,
  lines: readonly ReceiptLine[],
  evidence: readonly Evidence[],
  options: RegistryOptions,
): RegistryResult {
  const entries = registryEntries(evidence, options).filter((e) => sameName(e.name, company));
  if (entries.length === 0) {
    return {
      known: false,
      findings: [
        finding(R.unknownVendor, "medium", "company", `company ${q(company)} is not in the vendor registry`),
      ],
    };
  }
  const ids = entries.map((e) => e.evidenceId);
  const registered = entries.flatMap((e) => (e.registration === undefined ? [] : [e.registration]));
  const printed = lines.flatMap((l) =>
    (l.text.match(REGISTRATION_NUMBER) ?? []).map((reg) => ({ reg, line: l })),
  );
  const stray = printed.filter((p) => !registered.includes(p.reg));
  if (registered.length > 0 && printed.length > 0 && stray.length === printed.length) {
    const s = stray[0];
    return {
      known: true,
      findings: [
        finding(
          R.registrationMismatch,
          "high",
          "company",
          `the receipt prints registration ${stray.map((p) => p.reg).join(", ")} (line ${s?.line.lineNo}: ${q(s?.line.text ?? "")}) but the registry has ${registered.join(", ")} for ${q(company)}`,
          s?.line.lineNo,
          ids,
        ),
      ],
    };
  }
  const text = looseLines(lines.map((l) => l.text)).text;
  const addresses = entries.flatMap((e) => (e.address === undefined ? [] : [e.address]));
  const addressPrinted = addresses.some((a) => {
    const hit = fuzzyFind(loose(a), text);
    return hit !== undefined && hit.distance <= tolerance(loose(a).length, 0.2);
  });
  if (addresses.length > 0 && !addressPrinted) {
    return {
      known: true,
      findings: [
        finding(
          R.vendorAddressMismatch,
          "medium",
          "company",
          `the registry's address for ${q(company)} (${addresses.map(q).join(", ")}) is not printed on the receipt`,
          undefined,
          ids,
        ),
      ],
    };
  }
  return {
    known: true,
    findings: [
      finding(
        R.knownVendor,
        "info",
        "company",
        `${q(company)} is a registered vendor${registered.length > 0 ? ` (${registered.join(", ")})` : ""}`,
        undefined,
        ids,
      ),
    ],
  };
}
