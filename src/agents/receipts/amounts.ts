// Amounts as receipts print them: currency before or after, thousands separators, a decimal
// point or (EU layouts) a decimal comma, a sign or parentheses. Values are integer cents.

const CURRENCY = String.raw`(?:RM|MYR|S\$|SGD|US\$|USD|\$|€|EUR|£|GBP)`;
const NUMBER = String.raw`(?:\d{1,3}(?:,\d{3})+\.\d{2}|\d{1,3}(?:\.\d{3})+,\d{2}|\d+[.,]\d{2})`;

/** An amount as printed on a line (two decimals); the sign, parentheses and currency are part of it. */
export const AMOUNT_PATTERN = new RegExp(
  String.raw`(?<![\d.,])\(?-?(?:${CURRENCY}\s?)?-?${NUMBER}(?![\d]|[.,]\d)(?:\s?${CURRENCY})?\)?`,
  "gi",
);

const CURRENCY_AFFIX = new RegExp(String.raw`^${CURRENCY}\s*|\s*${CURRENCY}$`, "gi");

export interface ParseAmountOptions {
  /** Accept an amount printed without cents ("42", "1,234"): a worker may drop them. Default false. */
  wholeUnits?: boolean;
}

/** Which separator is the decimal one: the last "." or "," followed by exactly two digits at the end. */
function digitsToCents(body: string, wholeUnits: boolean): number | undefined {
  const m = /^(\d{1,3}(?:([.,])\d{3})+|\d+)(?:([.,])(\d{2}))?$/.exec(body);
  if (m === null) return undefined;
  const [, whole = "", group, decimal, cents] = m;
  if (decimal === undefined && !wholeUnits) return undefined;
  if (group !== undefined && decimal !== undefined && group === decimal) return undefined;
  const units = Number(whole.replace(/[.,]/g, ""));
  if (!Number.isSafeInteger(units)) return undefined;
  return units * 100 + (cents === undefined ? 0 : Number(cents));
}

/**
 * Reads a printed amount ("RM 1,234.50", "12,50 €", "$12.00", "-0.02", "(0.03)") as integer
 * cents; undefined when the text is not one amount.
 */
export function parseAmount(text: string, options: ParseAmountOptions = {}): number | undefined {
  let s = text.trim();
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  for (let i = 0; i < 2; i++) {
    if (s.startsWith("-")) {
      negative = !negative;
      s = s.slice(1).trim();
    }
    s = s.replace(CURRENCY_AFFIX, "").trim();
  }
  const cents = digitsToCents(s, options.wholeUnits === true);
  if (cents === undefined) return undefined;
  return negative ? -cents : cents;
}

/** One amount found on a line. */
export interface PrintedAmount {
  readonly printed: string;
  readonly cents: number;
}

/** Every amount printed on a line, left to right. */
export function amountsOn(line: string): PrintedAmount[] {
  return (line.match(AMOUNT_PATTERN) ?? []).flatMap((printed) => {
    const cents = parseAmount(printed);
    return cents === undefined ? [] : [{ printed: printed.trim(), cents }];
  });
}

/** Cents as a plain amount: 123456 -> "1234.56". */
export function money(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}
