// Realistic receipts: varied layouts for five locales (RM, S$, $, £, €), thousands separators,
// decimal commas, tax added or included, rounding, cash or card, footers, and OCR noise.
import { ITEMS, LOCALES, type Locale, shopName } from "./locales.js";
import { ocrNoise } from "./noise.js";
import type { Random } from "./random.js";

/** What a correct extractor reads off a generated receipt, and how the receipt was made. */
export interface GeneratedReceipt {
  readonly id: string;
  /** The OCR text, noise included. */
  readonly text: string;
  readonly locale: Locale;
  /** The fields as printed, before OCR noise. */
  readonly printed: {
    readonly company: string;
    readonly addressLines: readonly string[];
    readonly date: string;
    readonly day: { readonly year: number; readonly month: number; readonly day: number };
    readonly total: string;
    readonly subtotal: string | undefined;
    readonly tax: string;
    readonly items: readonly { name: string; amount: string }[];
  };
  readonly cents: { readonly total: number; readonly subtotal: number; readonly tax: number };
}

export interface ReceiptOptions {
  /** OCR noise level: 0 none, 1 typical (default), 2 heavy. */
  readonly noise?: number;
}

const p2 = (n: number) => String(n).padStart(2, "0");
const RULE = ["-".repeat(40), "=".repeat(32), "- - - - - - - - - - - - - - -"];

function dateBetween(rng: Random) {
  const start = Date.UTC(2019, 0, 1);
  const end = Date.UTC(2025, 9, 31);
  const d = new Date(start + Math.floor(rng.next() * (end - start)));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function registration(rng: Random, locale: Locale): string | undefined {
  switch (locale.id) {
    case "my":
      return rng.chance(0.5)
        ? `(${rng.int(100000, 1999999)}-${rng.pick(["K", "T", "P", "U", "X"])})`
        : `CO. REG NO: ${rng.int(100000, 999999)}-${rng.pick(["K", "T", "P"])}`;
    case "sg":
      return `UEN ${rng.int(2000, 2023)}${rng.int(10000, 99999)}${rng.pick(["A", "C", "K", "M"])}`;
    case "uk":
      return `VAT NO: GB ${rng.int(100, 999)} ${rng.int(1000, 9999)} ${rng.int(10, 99)}`;
    default:
      return undefined;
  }
}

/** Item lines and their amounts; some items cost hundreds, so totals reach thousands. */
function items(rng: Random, locale: Locale) {
  const count = rng.int(1, 7);
  const big = rng.chance(0.15);
  return Array.from({ length: count }, () => {
    const name = rng.pick(ITEMS);
    const qty = rng.chance(0.7) ? 1 : rng.int(2, 4);
    const price = big && rng.chance(0.5) ? rng.int(15000, 250000) : rng.int(50, 4000);
    const amount = qty * price;
    const line =
      qty === 1 && rng.chance(0.5)
        ? `${name}  ${locale.amount(amount, false)}`
        : `${name}  ${qty} x ${locale.amount(price, false)}  ${locale.amount(amount, false)}`;
    return { name, amount, line };
  });
}

export function generateReceipt(rng: Random, id: string, options: ReceiptOptions = {}): GeneratedReceipt {
  const locale = rng.pick(LOCALES);
  const company = shopName(rng, locale);
  const addressLines = [`${rng.int(1, 250)}${rng.chance(0.5) ? "," : ""} ${rng.pick(locale.streets)}`];
  if (rng.chance(0.3))
    addressLines.push(`${rng.pick(["UNIT", "LOT", "BLOCK"])} ${rng.int(1, 40)}-${rng.int(1, 20)}`);
  addressLines.push(rng.pick(locale.cities));
  const day = dateBetween(rng);
  const date = rng.pick(locale.dateFormats)(day.year, day.month, day.day);
  const time = `${p2(rng.int(8, 22))}:${p2(rng.int(0, 59))}`;
  const bought = items(rng, locale);
  const subtotal = bought.reduce((sum, i) => sum + i.amount, 0);
  const tax = locale.tax.included
    ? Math.round((subtotal * locale.tax.rate) / (100 + locale.tax.rate))
    : Math.round((subtotal * locale.tax.rate) / 100);
  const beforeRounding = locale.tax.included ? subtotal : subtotal + tax;
  const rounding = locale.rounds ? Math.round(beforeRounding / 5) * 5 - beforeRounding : 0;
  const total = beforeRounding + rounding;
  const withCurrency = rng.chance(0.4);
  const amount = (cents: number) => locale.amount(cents, withCurrency);

  const lines: string[] = [];
  if (rng.chance(0.3))
    lines.push(rng.pick(["TAX INVOICE", "*** WELCOME ***", "RECEIPT", "OFFICIAL RECEIPT"]));
  lines.push(company);
  const reg = registration(rng, locale);
  if (reg !== undefined && rng.chance(0.7)) lines.push(reg);
  lines.push(...addressLines);
  if (rng.chance(0.8)) lines.push(`TEL: ${rng.int(10, 99)}-${rng.int(1000, 9999)} ${rng.int(1000, 9999)}`);
  if (rng.chance(0.4)) lines.push(`INVOICE NO: ${rng.pick(["INV", "R", "S"])}${rng.int(10000, 99999)}`);
  lines.push(
    rng.pick([
      `DATE: ${date}  TIME: ${time}`,
      `${date} ${time}`,
      `Date ${date}`,
      `${date}  ${time}  #${rng.int(100, 999)}`,
    ]),
  );
  if (rng.chance(0.5)) lines.push(`CASHIER: ${rng.pick(["AINA", "JOHN", "MEI LING", "KLAUS", "SARAH"])}`);
  lines.push(rng.pick(RULE));
  lines.push(...bought.map((i) => i.line));
  lines.push(rng.pick(RULE));
  if (rng.chance(0.3)) lines.push(`TOTAL QTY: ${bought.length}`);
  const printSubtotal = !locale.tax.included || rng.chance(0.5);
  const subtotalText = amount(subtotal);
  if (printSubtotal) lines.push(`${rng.pick(["SUBTOTAL", "SUB TOTAL", "SUB-TOTAL"])}  ${subtotalText}`);
  if (!locale.tax.included && rng.chance(0.2)) lines.push(`TOTAL EXCL. TAX  ${amount(subtotal)}`);
  const taxText = amount(tax);
  if (!locale.tax.included) lines.push(`${locale.tax.label}  ${taxText}`);
  if (locale.rounds && (rounding !== 0 || rng.chance(0.5)))
    lines.push(`ROUNDING  ${locale.amount(rounding, false)}`);
  const totalText = amount(total);
  lines.push(`${rng.pick(locale.totalLabels)}  ${totalText}`);
  if (rng.chance(0.6)) {
    const paid = Math.ceil(total / 1000) * 1000 + (rng.chance(0.5) ? 0 : 1000);
    lines.push(`CASH  ${amount(paid)}`, `CHANGE  ${amount(paid - total)}`);
  } else {
    lines.push(`${rng.pick(["VISA", "MASTERCARD", "CARD"])} ****${rng.int(1000, 9999)}  ${amount(total)}`);
  }
  if (locale.tax.included) lines.push(`${locale.tax.label}  ${taxText}`);
  const short = company.split(" ").slice(0, 3).join(" ");
  lines.push(
    rng.pick([
      `THANK YOU FOR SHOPPING AT ${short}`,
      "THANK YOU, PLEASE COME AGAIN",
      "GOODS SOLD ARE NOT RETURNABLE",
      `VISIT US AT WWW.${short.replace(/\s+/g, "").toUpperCase()}.COM`,
    ]),
  );

  const noise = options.noise ?? 1;
  return {
    id,
    text: lines.map((line) => ocrNoise(rng, line, noise)).join("\n"),
    locale,
    printed: {
      company,
      addressLines,
      date,
      day,
      total: totalText,
      subtotal: printSubtotal ? subtotalText : undefined,
      tax: taxText,
      items: bought.map((i) => ({ name: i.name, amount: locale.amount(i.amount, false) })),
    },
    cents: { total, subtotal, tax },
  };
}
