// Where things are on a receipt: the header (shop name, registration, address) above the first
// date, amount or rule line, and the address block under the name.
import { DATE_PATTERN } from "./dates.js";
import { canonLabel, type ReceiptLine } from "./lines.js";

/** Banner lines printed above the shop's name. */
const BANNER =
  /^(?:[*=~#-]+.*|TAX\s*INVOICE|INVOICE|RECEIPT|OFFICIAL\s*RECEIPT|CASH\s*(?:SALE|BILL)|WELCOME.*|COPY)$/i;
/** Registration lines under the name: "(1012345-K)", "CO. REG NO: 887766-T", "ROC 123", "UEN 20191234A". */
const REGISTRATION_NUMBER = /^\(?\s*[A-Z]{0,3}\d{5,}-?[A-Z]\s*\)?$/i;
const REGISTRATION_WORDS = [
  "CO REG",
  "COMPANY NO",
  "REG NO",
  "REGISTRATION",
  "ROC",
  "SSM",
  "UEN",
  "ABN",
  "VAT NO",
  "VAT REG",
  "TAX ID",
  "GST REG",
  "GST ID",
  "UST ID",
].map(canonLabel);
/** Lines that end the address block (read through OCR noise: "TE1:" is "TEL:"). */
const AFTER_ADDRESS = [
  "TEL",
  "PHONE",
  "PH",
  "FAX",
  "HP",
  "GST",
  "SST",
  "TAX",
  "VAT",
  "INVOICE",
  "INV",
  "RECEIPT",
  "DATE",
  "TIME",
  "CASHIER",
  "DOC",
  "BILL",
  "TABLE",
  "EMAIL",
  "WWW",
  "HTTP",
  "TERMINAL",
  "STORE",
  "ORDER",
  "TRANS",
].map(canonLabel);

/** Whether a line is a registration number or names one. */
export function isRegistration(text: string): boolean {
  const label = canonLabel(text);
  return REGISTRATION_NUMBER.test(text) || REGISTRATION_WORDS.some((w) => label.startsWith(w));
}

const endsAddress = (text: string) =>
  /^[-=*_~]{3,}/.test(text) || AFTER_ADDRESS.some((w) => canonLabel(text).startsWith(w));
/** The header ends at the first line holding an amount or a rule, at the latest. */
const MAX_HEADER_LINES = 10;
const MAX_ADDRESS_LINES = 4;

const isBanner = (line: ReceiptLine) => BANNER.test(line.text);
const endsHeader = (line: ReceiptLine) =>
  line.amounts.length > 0 ||
  /^[-=*_~]{3,}/.test(line.text) ||
  new RegExp(DATE_PATTERN.source, "i").test(line.text);

/** The header: the lines above the first amount, date or rule (at most ten). */
export function headerLines(lines: readonly ReceiptLine[]): ReceiptLine[] {
  const header: ReceiptLine[] = [];
  for (const line of lines.slice(0, MAX_HEADER_LINES)) {
    if (endsHeader(line) && header.some((l) => !isBanner(l))) break;
    header.push(line);
  }
  return header;
}

/** The line that names the shop: the header's first line that is not a banner. */
export function nameLine(lines: readonly ReceiptLine[]): ReceiptLine | undefined {
  return headerLines(lines).find((l) => !isBanner(l));
}

/** The address block: the header lines under the name, past registration lines, up to TEL/GST/DATE... */
export function addressBlock(lines: readonly ReceiptLine[]): ReceiptLine[] {
  const header = headerLines(lines);
  const name = header.findIndex((l) => !isBanner(l));
  const block: ReceiptLine[] = [];
  for (const line of header.slice(name + 1)) {
    if (isRegistration(line.text) && block.length === 0) continue;
    if (endsAddress(line.text) || isRegistration(line.text)) break;
    block.push(line);
    if (block.length === MAX_ADDRESS_LINES) break;
  }
  return block;
}
