// A faulty worker: a correct extraction of a generated receipt with one mistake real extractors
// make. Each fault says when it cannot apply (e.g. no cents to drop).
import type { Receipt } from "../../../src/index.js";
import { isoFormat } from "./locales.js";
import type { Random } from "./random.js";
import type { GeneratedReceipt } from "./receipts.js";

export const FAULTS = [
  "total-transposed",
  "total-cents-dropped",
  "tax-as-total",
  "subtotal-as-total",
  "wrong-date",
  "reformatted-date",
  "other-vendor",
] as const;
export type Fault = (typeof FAULTS)[number];
export type Label = "correct" | Fault;

const p2 = (n: number) => String(n).padStart(2, "0");

/** What a correct extractor returns: the printed fields, in a few common shapes. */
export function correctOutput(rng: Random, receipt: GeneratedReceipt): Receipt {
  const { printed, locale } = receipt;
  let company = rng.chance(0.2) ? printed.company.split(" ").slice(0, 3).join(" ") : printed.company;
  let address = printed.addressLines.join(rng.chance(0.6) ? " " : ", ");
  // Some extractors normalise case ("Sunrise Phoenix Cafe"): the same name.
  if (rng.chance(0.15)) {
    const title = (text: string) => text.toLowerCase().replace(/\b[a-z]/g, (c) => c.toUpperCase());
    company = title(company);
    address = title(address);
  }
  const output: Receipt = {
    company,
    date: printed.date,
    address,
    total: printed.total,
  };
  if (printed.subtotal !== undefined && rng.chance(0.6)) output.subtotal = printed.subtotal;
  if (rng.chance(0.6)) output.tax = printed.tax;
  if (rng.chance(0.5)) output.currency = locale.currency;
  if (rng.chance(0.4)) output.items = printed.items.map((i) => ({ ...i }));
  return output;
}

/** Swaps two different adjacent digits of an amount ("42.40" -> "24.40"), keeping its shape. */
function transpose(rng: Random, amount: string): string | undefined {
  const positions: number[] = [];
  const chars = [...amount];
  const digitsAt = chars.flatMap((c, i) => (/\d/.test(c) ? [i] : []));
  for (let k = 0; k + 1 < digitsAt.length; k++) {
    const a = digitsAt[k] as number;
    const b = digitsAt[k + 1] as number;
    if (chars[a] !== chars[b] && !(a === digitsAt[0] && chars[b] === "0")) positions.push(k);
  }
  if (positions.length === 0) return undefined;
  const k = rng.pick(positions);
  const a = digitsAt[k] as number;
  const b = digitsAt[k + 1] as number;
  [chars[a], chars[b]] = [chars[b] as string, chars[a] as string];
  return chars.join("");
}

/** The receipt's day shifted by 1-60 days, printed in the same format as the receipt. */
function otherDay(rng: Random, receipt: GeneratedReceipt): string {
  const { day } = receipt.printed;
  const shift = (rng.chance(0.5) ? 1 : -1) * rng.int(1, 60);
  const d = new Date(Date.UTC(day.year, day.month - 1, day.day + shift));
  const [y, m, dd] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
  const printed = receipt.printed.date;
  // Same shape as printed: swap the numbers that changed.
  for (const format of receipt.locale.dateFormats) {
    if (format(day.year, day.month, day.day) === printed) return format(y, m, dd);
  }
  return `${p2(dd)}/${p2(m)}/${y}`;
}

/** One mistake applied to a correct output; undefined when it cannot apply to this receipt. */
export function applyFault(
  rng: Random,
  fault: Fault,
  receipt: GeneratedReceipt,
  correct: Receipt,
  others: readonly GeneratedReceipt[],
): Receipt | undefined {
  const { printed, cents } = receipt;
  switch (fault) {
    case "total-transposed": {
      const total = transpose(rng, printed.total);
      return total === undefined ? undefined : { ...correct, total };
    }
    case "total-cents-dropped": {
      if (cents.total % 100 === 0) return undefined;
      const total = printed.total.replace(/[.,]\d{2}(?!\d)/, "");
      return total === printed.total ? undefined : { ...correct, total };
    }
    case "tax-as-total":
      return cents.tax === cents.total || cents.tax === 0 ? undefined : { ...correct, total: printed.tax };
    case "subtotal-as-total":
      return cents.subtotal === cents.total || printed.subtotal === undefined
        ? undefined
        : { ...correct, total: printed.subtotal };
    case "wrong-date":
      return { ...correct, date: otherDay(rng, receipt) };
    case "reformatted-date": {
      const { day } = printed;
      const iso = isoFormat(day.year, day.month, day.day);
      return { ...correct, date: printed.date === iso ? `${p2(day.day)}/${p2(day.month)}/${day.year}` : iso };
    }
    case "other-vendor": {
      const other = others.find((o) => o.printed.company !== printed.company);
      return other === undefined ? undefined : { ...correct, company: other.printed.company };
    }
  }
}
