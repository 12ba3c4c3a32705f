// Company and address: printed on the receipt through OCR noise; the company in the header (not
// an item or a footer line), the address whole (not a prefix of the printed one).
import type { FindingInput } from "../../domain/finding.js";
import { finding, q, RECEIPT_RULES as R } from "./findings.js";
import { companyKey, editDistance, fuzzyFind, lineAt, loose, looseLines, tolerance } from "./fuzzy.js";
import { addressBlock, headerLines, nameLine } from "./layout.js";
import type { ReceiptLine } from "./lines.js";

/** The company may start in the first lines of the header that are not banners. */
const NAME_LINES = 3;
/** A company found inside a longer line must cover this share of it (else it is a fragment). */
const MIN_LINE_COVER = 0.6;

/** Candidate spans for a name: each line alone and each line joined with the next. */
function spans(lines: readonly ReceiptLine[]): { text: string; lineNo: number }[] {
  return lines.flatMap((line, i) => {
    const next = lines[i + 1];
    const pair = next === undefined ? [] : [{ text: `${line.text} ${next.text}`, lineNo: line.lineNo }];
    return [{ text: line.text, lineNo: line.lineNo }, ...pair];
  });
}

/** Whether `name` is the text of `span` up to OCR noise and a dropped or added legal form. */
function namesSpan(name: string, span: string): boolean {
  const a = loose(name);
  const b = loose(span);
  if (editDistance(a, b) <= tolerance(Math.max(a.length, b.length))) return true;
  const ka = companyKey(name);
  const kb = companyKey(span);
  if (ka.length > 0 && editDistance(ka, kb) <= tolerance(Math.max(ka.length, kb.length))) return true;
  const hit = fuzzyFind(a, b);
  return hit !== undefined && hit.distance <= tolerance(a.length) && a.length >= MIN_LINE_COVER * b.length;
}

export function checkCompany(company: string, lines: readonly ReceiptLine[]): FindingInput[] {
  const header = headerLines(lines);
  const first = nameLine(lines);
  const nameStart = first === undefined ? 0 : header.indexOf(first);
  const candidates = header.slice(Math.max(0, nameStart), Math.max(0, nameStart) + NAME_LINES);
  if (spans(candidates).some((s) => namesSpan(company, s.text))) return [];

  const headerSays =
    first === undefined
      ? "the receipt has no header"
      : `the header names ${q(first.text)} (line ${first.lineNo})`;
  const key = loose(company);
  const elsewhere = lines.find((l) => {
    if (header.includes(l)) return false;
    const hit = fuzzyFind(key, loose(l.text));
    return hit !== undefined && key.length >= 4 && hit.distance <= tolerance(key.length);
  });
  if (elsewhere !== undefined) {
    const kind =
      elsewhere.amounts.length > 0 ? "an item or amount line" : "a line below the header (a footer?)";
    return [
      finding(
        R.companyNotHeader,
        "high",
        "company",
        `company ${q(company)} is taken from ${kind}, line ${elsewhere.lineNo}: ${q(elsewhere.text)}; ${headerSays}`,
        elsewhere.lineNo,
      ),
    ];
  }
  return [
    finding(
      R.notInSource,
      "high",
      "company",
      `company ${q(company)} is not on the receipt; ${headerSays}`,
      first?.lineNo,
    ),
  ];
}

export function checkAddress(address: string, lines: readonly ReceiptLine[]): FindingInput[] {
  const block = addressBlock(lines);
  const printed =
    block.length === 0
      ? "no address block under the name"
      : `${q(block.map((l) => l.text).join(" "))} (lines ${block[0]?.lineNo}-${block.at(-1)?.lineNo})`;
  const key = loose(address);
  const text = looseLines(lines.map((l) => l.text));
  const hit = fuzzyFind(key, text.text);
  if (hit === undefined || hit.distance > tolerance(key.length)) {
    return [
      finding(
        R.notInSource,
        "medium",
        "address",
        `address ${q(address)} is not on the receipt; it prints ${printed}`,
        block[0]?.lineNo,
      ),
    ];
  }
  const last = lineAt(text, Math.max(hit.start, hit.end - 1));
  const lastLine = lines[last];
  const rest = (text.ends[last] ?? 0) - hit.end;
  if (lastLine !== undefined && rest > 2) {
    return [
      finding(
        R.addressTruncated,
        "medium",
        "address",
        `address ${q(address)} stops partway through line ${lastLine.lineNo} (${q(lastLine.text)}); the receipt prints ${printed}`,
        lastLine.lineNo,
      ),
    ];
  }
  const next = lines[last + 1];
  if (next !== undefined && block.includes(next) && lastLine !== undefined && block.includes(lastLine)) {
    return [
      finding(
        R.addressTruncated,
        "low",
        "address",
        `address ${q(address)} ends at line ${lastLine.lineNo}, but the address continues on line ${next.lineNo} (${q(next.text)}); the receipt prints ${printed}`,
        next.lineNo,
      ),
    ];
  }
  return [];
}
