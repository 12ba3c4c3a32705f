// Re-extract: a second, independent reading of the receipt (the scripted extractor's parser,
// not receiptAudit's matching), compared with the worker's output field by field. Where the two
// readings differ, the case cannot pass on receiptAudit alone.
import {
  type AuditInput,
  defineAuditor,
  type FindingInput,
  parseAmount,
  receiptCase,
  type VerdictInput,
} from "../../../src/index.js";
import { readReceipt } from "../extractor.js";
import { fold, type Receipt, type ReceiptInput } from "../receipt.js";

export const DISAGREES = "receipt.extraction-disagrees";
/** Bigram similarity (Dice) at which two folded names or addresses are the same text. */
export const SAME_TEXT = 0.85;

const LEGAL =
  /\b(?:SDN\.?\s*BHD\.?|BHD|PTE\.?\s*LTD\.?|LTD|LLC|LLP|INC|PLC|GMBH|KG|E\.K\.|CO\.|ENTERPRISE|TRADING)\b|\(M\)/gi;

function bigrams(s: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + 1 < s.length; i++) {
    const gram = s.slice(i, i + 2);
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

/** Dice coefficient of the folded texts' letter bigrams, 0..1. */
export function similarity(a: string, b: string): number {
  const x = bigrams(fold(a));
  const y = bigrams(fold(b));
  let shared = 0;
  let total = 0;
  for (const [gram, n] of x) {
    shared += Math.min(n, y.get(gram) ?? 0);
    total += n;
  }
  for (const n of y.values()) total += n;
  return total === 0 ? (fold(a) === fold(b) ? 1 : 0) : (2 * shared) / total;
}

/** A legal form at the end of a folded name, even glued to the word before it by OCR. */
const FOLDED_LEGAL = /(?:MSDNBHD|SDNBHD|BHD|PTELTD|LTD|LLC|LLP|LNC|PLC|GMBH|KG|EK|CO|ENTERPRLSE|TRADLNG)$/;
const bare = (name: string) => fold(name.replace(LEGAL, " ")).replace(FOLDED_LEGAL, "");

/** The same name, with or without the legal form. */
const sameName = (a: string, b: string) =>
  similarity(a, b) >= SAME_TEXT || similarity(bare(a), bare(b)) >= SAME_TEXT;
const sameDate = (a: string, b: string) =>
  a.toUpperCase().replace(/\s+/g, "") === b.toUpperCase().replace(/\s+/g, "");
const sameAmount = (a: string, b: string) => {
  const x = parseAmount(a, { wholeUnits: true });
  return x !== undefined && x === parseAmount(b, { wholeUnits: true });
};

const COMPARED: readonly [keyof Receipt, (worker: string, read: string) => boolean][] = [
  ["total", sameAmount],
  ["date", sameDate],
  ["company", sameName],
  ["address", (a, b) => similarity(a, b) >= SAME_TEXT],
];

export function compareReadings(receipt: Receipt, text: string): VerdictInput {
  const { fields, lineOf } = readReceipt(text);
  const findings: FindingInput[] = [];
  const compared: string[] = [];
  for (const [field, same] of COMPARED) {
    const worker = receipt[field];
    const read = fields[field];
    if (typeof worker !== "string" || typeof read !== "string") continue;
    compared.push(field);
    if (same(worker, read)) continue;
    const line = lineOf[field];
    findings.push({
      ruleId: DISAGREES,
      severity: "medium",
      message: `${field}: the worker says ${JSON.stringify(worker)}, an independent extraction reads ${JSON.stringify(read)}${line === undefined ? "" : ` (line ${line})`}`,
      location: line === undefined ? { field } : { field, line },
    });
  }
  if (compared.length === 0) {
    return {
      decision: "abstain",
      confidence: 0.3,
      rationale: "the independent extraction read none of the fields",
    };
  }
  if (findings.length > 0) {
    return {
      decision: "fail",
      confidence: 0.8,
      findings,
      rationale: `the readings differ on ${findings.length} of ${compared.length} fields`,
    };
  }
  return { decision: "pass", confidence: 0.85, rationale: `the readings agree on ${compared.join(", ")}` };
}

export const reExtract = defineAuditor<ReceiptInput, Receipt>({
  name: "re-extract",
  audit(input: AuditInput<ReceiptInput, Receipt>): VerdictInput {
    const found = receiptCase(input);
    if (found === undefined) {
      return {
        decision: "abstain",
        confidence: 0,
        rationale: "the output is not a receipt, or there is no text",
      };
    }
    return compareReadings(found.receipt, found.text);
  },
});
