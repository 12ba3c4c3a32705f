// The scripted worker: a small deterministic parser of printed receipts (no model).
import { defineWorker, type Output } from "../../src/index.js";
import { DATE_PATTERN } from "./dates.js";
import { LINE, lastAmount, parseAmount, type Receipt, type ReceiptInput, receiptLines } from "./receipt.js";

/** "NAME  QTY x PRICE  AMOUNT": two or more spaces between the columns. */
const ITEM = /^(.+?)\s{2,}(\d+(?:\.\d+)?)\s*[xX@*]\s*(\S+)\s{2,}(\S+(?:\s\S+)?)$/;
/** Banner lines printed above the shop's name. */
const BANNER = /^(?:\*+.*|TAX INVOICE|INVOICE|RECEIPT|OFFICIAL RECEIPT|WELCOME.*)$/i;
/** Registration lines under the name: "(1012345-K)", "CO. REG NO: 887766-T", "ROC 123". */
const REGISTRATION =
  /^\(?\s*(?:CO\.?\s*REG|COMPANY\s+NO|REG(?:ISTRATION)?\.?\s*NO|ROC|SSM)\b|^\(?\s*[A-Z]*\d{5,}-[A-Z]\s*\)?$/i;
/** Where the address block ends. */
const AFTER_ADDRESS =
  /^(?:TEL|PHONE|FAX|H\/P|GST|SST|TAX|INVOICE|RECEIPT|DATE|TIME|CASHIER|DOC|BILL|TABLE|EMAIL|WWW|-{3,}|={3,})/i;
const MAX_ADDRESS_LINES = 4;

function amountOn(lines: readonly string[], pattern: RegExp, pick: "first" | "last"): string | undefined {
  const found = lines
    .filter((line) => pattern.test(line))
    .map((line) => lastAmount(line))
    .filter((amount): amount is string => amount !== undefined);
  return pick === "first" ? found[0] : found.at(-1);
}

/** Reads the fields it can find; a field it cannot find is left out. */
export function extractReceipt(text: string): Partial<Receipt> {
  const lines = receiptLines(text);
  const start = lines.findIndex((line) => !BANNER.test(line));
  const company = lines[start];
  const receipt: Partial<Receipt> = {};
  if (company === undefined) return receipt;
  receipt.company = company;

  const address: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (REGISTRATION.test(line)) continue;
    if (AFTER_ADDRESS.test(line) || DATE_PATTERN.test(line) || lastAmount(line) !== undefined) break;
    address.push(line);
    if (address.length === MAX_ADDRESS_LINES) break;
  }
  if (address.length > 0) receipt.address = address.join(" ");

  const date = DATE_PATTERN.exec(text)?.[0];
  if (date !== undefined) receipt.date = date;

  const items = lines.flatMap((line) => {
    const m = ITEM.exec(line);
    const name = m?.[1]?.trim();
    const amount = m?.[4]?.trim();
    if (name === undefined || amount === undefined || parseAmount(amount) === undefined) return [];
    return [{ name, amount }];
  });
  if (items.length > 0) receipt.items = items;

  const subtotal = amountOn(lines, LINE.subtotal, "first");
  if (subtotal !== undefined) receipt.subtotal = subtotal;
  const tax = amountOn(lines, LINE.tax, "first");
  if (tax !== undefined) receipt.tax = tax;
  const total = amountOn(lines, LINE.total, "last");
  if (total !== undefined) receipt.total = total;
  return receipt;
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
