// The scripted worker: a small deterministic parser of printed receipts (no model). The
// re-extract auditor runs it too, as a second reading to compare a worker's output with.
import { defineWorker, type Output } from "../../src/index.js";
import { DATE_PATTERN } from "./dates.js";
import { amountColumn, fold, LINE, type Receipt, type ReceiptInput, receiptLines } from "./receipt.js";

/** "NAME  QTY x PRICE  AMOUNT": two or more spaces between the columns. */
const ITEM = /^(.+?)\s{2,}(\d+(?:\.\d+)?)\s*[xX@*]\s*(\S+)\s{2,}(\S+(?:\s\S+)?)$/;
/** Banner lines printed above the shop's name (folded). */
const BANNER = /^(?:TAXLNVOLCE|LNVOLCE|RECELPT|OFFLCLALRECELPT|WELCOME.*)?$/;
/** Registration lines under the name: "(1012345-K)", "CO. REG NO: 887766-T", "UEN ...", "VAT NO: ...". */
const REGISTRATION = /^\(?\s*[A-Z]*\d{5,}-[A-Z]\s*\)?$/i;
const REGISTRATION_LABEL = /^(?:COREG|COMPANYNO|REGNO|ROC|SSM|UEN|VATNO|VATREG)/;
/** Where the address block ends (folded labels). */
const AFTER_ADDRESS =
  /^(?:TEL|PHONE|FAX|HP|GST|SST|TAX|LNVOLCE|LNV|RECELPT|DATE|TLME|CASHLER|DOC|BLLL|TABLE|EMALL|WWW)/;
const MAX_ADDRESS_LINES = 4;

/** What the extractor read, and the line (1-based) each field came from. */
export interface Reading {
  readonly fields: Partial<Receipt>;
  readonly lineOf: Partial<Record<keyof Receipt, number>>;
}

function amountOn(lines: readonly string[], pattern: RegExp, pick: "first" | "last") {
  const found = lines.flatMap((line, i) => {
    const amount = pattern.test(fold(line.split(/\s{2,}/)[0] ?? "")) ? amountColumn(line) : undefined;
    return amount === undefined ? [] : [{ amount, lineNo: i + 1 }];
  });
  return pick === "first" ? found[0] : found.at(-1);
}

/** Reads the fields it can find; a field it cannot find is left out. */
export function readReceipt(text: string): Reading {
  const lines = receiptLines(text);
  const fields: Partial<Receipt> = {};
  const lineOf: Partial<Record<keyof Receipt, number>> = {};
  const start = lines.findIndex((line) => !/^[*=~#-]/.test(line) && !BANNER.test(fold(line)));
  const company = lines[start];
  if (company === undefined) return { fields, lineOf };
  fields.company = company;
  lineOf.company = start + 1;

  const address: string[] = [];
  for (const [i, line] of lines.slice(start + 1).entries()) {
    const folded = fold(line);
    if (REGISTRATION.test(line) || REGISTRATION_LABEL.test(folded)) {
      if (address.length === 0) continue;
      break;
    }
    if (
      AFTER_ADDRESS.test(folded) ||
      /^[-=*_~]{3,}/.test(line) ||
      DATE_PATTERN.test(line) ||
      amountColumn(line) !== undefined
    )
      break;
    if (address.length === 0) lineOf.address = start + 2 + i;
    address.push(line);
    if (address.length === MAX_ADDRESS_LINES) break;
  }
  if (address.length > 0) fields.address = address.join(" ");

  const dateLine = lines.findIndex((line) => DATE_PATTERN.test(line));
  const date = dateLine < 0 ? undefined : DATE_PATTERN.exec(lines[dateLine] ?? "")?.[0];
  if (date !== undefined) {
    fields.date = date;
    lineOf.date = dateLine + 1;
  }

  const items = lines.flatMap((line) => {
    const m = ITEM.exec(line);
    const name = m?.[1]?.trim();
    const amount = m?.[4]?.trim();
    return name === undefined || amount === undefined || amountColumn(line) === undefined
      ? []
      : [{ name, amount }];
  });
  if (items.length > 0) fields.items = items;

  for (const [field, pattern, pick] of [
    ["subtotal", LINE.subtotal, "first"],
    ["tax", LINE.tax, "first"],
    ["total", LINE.total, "last"],
  ] as const) {
    const found = amountOn(lines, pattern, pick);
    if (found === undefined) continue;
    fields[field] = found.amount;
    lineOf[field] = found.lineNo;
  }
  return { fields, lineOf };
}

export function extractReceipt(text: string): Partial<Receipt> {
  return readReceipt(text).fields;
}

export const extractor = defineWorker<ReceiptInput, Receipt>("extractor", (task): Output<Receipt> => {
  const found = extractReceipt(task.input.text);
  const missing = (["company", "date", "address", "total"] as const).filter((f) => found[f] === undefined);
  return {
    // Fields it could not find are left out: the workflow's output schema turns that into a
    // worker failure rather than a guess.
    content: found as Receipt,
    status: missing.length === 0 ? "extracted every required field" : `not found: ${missing.join(", ")}`,
  };
});
