// Numbers, amounts with units, years and calendar days in a text, normalised for comparison:
// "1.5 million" = "1,500,000", "twelfth" = "12th", "62 miles" ≈ "100 km", "1969–72" = 1969 and 1972.

export type QuantityKind = "cardinal" | "ordinal" | "year" | "decade" | "day";

/** One quantity as written and as a comparable value. */
export interface Quantity {
  /** As written, e.g. "1.5 million km". */
  readonly text: string;
  readonly start: number;
  readonly kind: QuantityKind;
  /** The number, scale words applied (1.5 million -> 1 500 000); a day is month * 100 + day. */
  readonly value: number;
  /** Canonical unit ("km", "mi", "usd", "%"...), when one is written. */
  readonly unit?: string;
}

interface UnitInfo {
  readonly unit: string;
  /** What the unit measures; units of one dimension convert into each other. */
  readonly dimension: string;
  /** Size of the unit in the dimension's base (metres, kilograms, seconds...). */
  readonly factor: number;
}

const UNITS: ReadonlyArray<[RegExp, UnitInfo]> = [
  [/^(?:km|kms|kilomet(?:er|re)s?)$/i, { unit: "km", dimension: "length", factor: 1000 }],
  [/^(?:mi|miles?)$/i, { unit: "mi", dimension: "length", factor: 1609.344 }],
  [/^(?:m|met(?:er|re)s?)$/i, { unit: "m", dimension: "length", factor: 1 }],
  [/^(?:cm|centimet(?:er|re)s?)$/i, { unit: "cm", dimension: "length", factor: 0.01 }],
  [/^(?:ft|feet|foot)$/i, { unit: "ft", dimension: "length", factor: 0.3048 }],
  [/^(?:inch(?:es)?)$/i, { unit: "in", dimension: "length", factor: 0.0254 }],
  [/^(?:yards?|yd)$/i, { unit: "yd", dimension: "length", factor: 0.9144 }],
  [/^(?:kg|kilograms?|kilos?)$/i, { unit: "kg", dimension: "mass", factor: 1 }],
  [/^(?:lbs?|pounds?)$/i, { unit: "lb", dimension: "mass", factor: 0.45359237 }],
  [/^(?:tonnes?|t)$/i, { unit: "t", dimension: "mass", factor: 1000 }],
  [/^(?:g|grams?)$/i, { unit: "g", dimension: "mass", factor: 0.001 }],
  [/^(?:sq\.? ?mi|square miles?)$/i, { unit: "mi2", dimension: "area", factor: 2_589_988.11 }],
  [/^(?:km2|km²|sq\.? ?km|square kilomet(?:er|re)s?)$/i, { unit: "km2", dimension: "area", factor: 1e6 }],
  [/^(?:acres?)$/i, { unit: "acre", dimension: "area", factor: 4046.8564224 }],
  [/^(?:hectares?|ha)$/i, { unit: "ha", dimension: "area", factor: 10_000 }],
  [/^(?:°?C|degrees? Celsius)$/, { unit: "C", dimension: "temperature-c", factor: 1 }],
  [/^(?:°?F|degrees? Fahrenheit)$/, { unit: "F", dimension: "temperature-f", factor: 1 }],
  [/^(?:%|percent|per cent)$/i, { unit: "%", dimension: "ratio", factor: 1 }],
  [/^(?:years?|yrs?)$/i, { unit: "year", dimension: "time", factor: 365.25 * 86400 }],
  [/^(?:months?)$/i, { unit: "month", dimension: "time", factor: 30.44 * 86400 }],
  [/^(?:weeks?)$/i, { unit: "week", dimension: "time", factor: 7 * 86400 }],
  [/^(?:days?)$/i, { unit: "day", dimension: "time", factor: 86400 }],
  [/^(?:hours?|hrs?|h)$/i, { unit: "hour", dimension: "time", factor: 3600 }],
  [/^(?:minutes?|mins?)$/i, { unit: "minute", dimension: "time", factor: 60 }],
  [/^(?:\$|usd|dollars?|us dollars?)$/i, { unit: "usd", dimension: "money-usd", factor: 1 }],
  [/^(?:£|gbp|pounds? sterling)$/i, { unit: "gbp", dimension: "money-gbp", factor: 1 }],
  [/^(?:€|eur|euros?)$/i, { unit: "eur", dimension: "money-eur", factor: 1 }],
];

export function unitInfo(unit: string | undefined): UnitInfo | undefined {
  if (unit === undefined) return undefined;
  for (const [pattern, info] of UNITS) if (pattern.test(unit)) return info;
  return undefined;
}

const SCALES: Record<string, number> = {
  thousand: 1e3,
  k: 1e3,
  million: 1e6,
  m: 1e6,
  mn: 1e6,
  billion: 1e9,
  bn: 1e9,
  b: 1e9,
  trillion: 1e12,
};

const SMALL: Record<string, number> = {
  zero: 0,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  hundred: 100,
  dozen: 12,
};
const ORDINALS: Record<string, number> = {
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  thirteenth: 13,
  fourteenth: 14,
  fifteenth: 15,
  sixteenth: 16,
  seventeenth: 17,
  eighteenth: 18,
  nineteenth: 19,
  twentieth: 20,
  thirtieth: 30,
  fortieth: 40,
  fiftieth: 50,
  hundredth: 100,
};
export const MONTHS: Record<string, number> = {
  january: 1,
  jan: 1,
  february: 2,
  feb: 2,
  march: 3,
  mar: 3,
  april: 4,
  apr: 4,
  may: 5,
  june: 6,
  jun: 6,
  july: 7,
  jul: 7,
  august: 8,
  aug: 8,
  september: 9,
  sep: 9,
  sept: 9,
  october: 10,
  oct: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};

const MONTH =
  "(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\.?";
const DAY_MONTH = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}`, "g");
const MONTH_DAY = new RegExp(
  `\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?!\\s*(?:,\\s*)?\\d{3}\\b(?!\\d))`,
  "g",
);
const MONTH_DAY_YEAR = new RegExp(`\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(?=\\d{4})`, "g");
const UNIT_WORDS =
  "km2|km²|sq\\.? ?km|sq\\.? ?mi|square (?:miles?|kilomet(?:er|re)s?)|kms?|kilomet(?:er|re)s?|miles?|mi|met(?:er|re)s?|m|cm|centimet(?:er|re)s?|ft|feet|foot|inch(?:es)?|yards?|kg|kilograms?|kilos?|lbs?|pounds?|tonnes?|grams?|g|acres?|hectares?|ha|°C|°F|degrees? (?:Celsius|Fahrenheit)|%|percent|per cent|years?|months?|weeks?|days?|hours?|minutes?|usd|dollars?|euros?";
const NUMBER = new RegExp(
  `(?:([$£€])\\s?)?(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)(st|nd|rd|th|s)?(?:\\s?(thousand|million|billion|trillion|bn|mn)\\b)?(?:[\\s-]?(${UNIT_WORDS})(?![\\p{L}]))?(?:\\s?[–-]\\s?(\\d{2})\\b(?!\\d))?`,
  "giu",
);
const WORD_NUMBER = new RegExp(
  `\\b((?:${Object.keys(SMALL).join("|")})(?:[\\s-](?:${Object.keys(SMALL).join("|")}))*|${Object.keys(ORDINALS).join("|")})\\b(?:\\s(thousand|million|billion|trillion)\\b)?(?:[\\s-](${UNIT_WORDS})(?![\\p{L}]))?`,
  "giu",
);

function wordValue(words: string): number {
  let total = 0;
  let current = 0;
  for (const word of words.toLowerCase().split(/[\s-]+/)) {
    const value = SMALL[word] ?? 0;
    if (value === 100) current = (current === 0 ? 1 : current) * 100;
    else current += value;
  }
  total += current;
  return total;
}

/** Every quantity in a text. */
export function quantities(text: string): Quantity[] {
  const found: Quantity[] = [];
  const taken: Array<[number, number]> = [];
  const claim = (start: number, end: number) => {
    if (taken.some(([s, e]) => start < e && end > s)) return false;
    taken.push([start, end]);
    return true;
  };
  for (const match of text.matchAll(MONTH_DAY_YEAR)) addDay(found, match, match[1], match[2], claim);
  for (const match of text.matchAll(DAY_MONTH)) addDay(found, match, match[2], match[1], claim);
  for (const match of text.matchAll(MONTH_DAY)) addDay(found, match, match[1], match[2], claim);
  for (const match of text.matchAll(NUMBER)) {
    const [whole, currency, digits = "", suffix, scale, unitWord, rangeEnd] = match;
    // Part of a word ("F-22", "B52", "3D"): an identifier, compared as a word.
    const before = text[match.index - 1] ?? "";
    const after = text[match.index + whole.length] ?? "";
    if (/[\p{L}]/u.test(before) || (/[\p{L}]/u.test(after) && scale === undefined && unitWord === undefined))
      continue;
    if (before === "-" && /[\p{L}\d]/u.test(text[match.index - 2] ?? "")) continue;
    const start = match.index + (currency === undefined ? whole.indexOf(digits) : 0);
    if (!claim(start, match.index + whole.length)) continue;
    const number =
      Number(digits.replace(/,/g, "")) * (scale === undefined ? 1 : (SCALES[scale.toLowerCase()] ?? 1));
    const unit = unitInfo(currency ?? unitWord)?.unit;
    const lower = suffix?.toLowerCase();
    const kind: QuantityKind =
      lower === "s" && /^\d{3}0$/.test(digits)
        ? "decade"
        : lower !== undefined && lower !== "s"
          ? "ordinal"
          : unit === undefined &&
              scale === undefined &&
              /^\d{4}$/.test(digits) &&
              number >= 1000 &&
              number <= 2100
            ? "year"
            : "cardinal";
    found.push({ text: whole.trim(), start, kind, value: number, ...(unit === undefined ? {} : { unit }) });
    if (rangeEnd !== undefined && kind === "year") {
      const century = Math.floor(number / 100) * 100;
      found.push({ text: whole.trim(), start, kind: "year", value: century + Number(rangeEnd) });
    }
  }
  for (const match of text.matchAll(WORD_NUMBER)) {
    const [whole, words = "", scale, unitWord] = match;
    if (!claim(match.index, match.index + whole.length)) continue;
    const ordinal = ORDINALS[words.toLowerCase()];
    const base = ordinal ?? wordValue(words);
    const value = base * (scale === undefined ? 1 : (SCALES[scale.toLowerCase()] ?? 1));
    const unit = unitInfo(unitWord)?.unit;
    found.push({
      text: whole,
      start: match.index,
      kind: ordinal === undefined ? "cardinal" : "ordinal",
      value,
      ...(unit === undefined ? {} : { unit }),
    });
  }
  return found.sort((a, b) => a.start - b.start);
}

function addDay(
  into: Quantity[],
  match: RegExpMatchArray,
  monthText: string | undefined,
  dayText: string | undefined,
  claim: (start: number, end: number) => boolean,
): void {
  const month = MONTHS[(monthText ?? "").toLowerCase().replace(/\.$/, "")];
  const day = Number(dayText);
  if (month === undefined || !(day >= 1 && day <= 31)) return;
  const start = match.index ?? 0;
  if (!claim(start, start + match[0].trimEnd().length)) return;
  into.push({ text: match[0].trim(), start, kind: "day", value: month * 100 + day });
}

/** How a claimed quantity relates to one in the evidence. */
export type QuantityMatch = "same" | "converted" | "unit-mismatch" | "different";

/** Compares a claimed quantity with an evidence quantity (rounding of the claim tolerated). */
export function compareQuantities(claim: Quantity, evidence: Quantity): QuantityMatch {
  const sameKind =
    claim.kind === evidence.kind ||
    (claim.kind === "cardinal" && evidence.kind === "year") ||
    (claim.kind === "year" && evidence.kind === "cardinal");
  if (!sameKind) return "different";
  const claimUnit = unitInfo(claim.unit);
  const evidenceUnit = unitInfo(evidence.unit);
  // Rounding is tolerated in amounts, never in years, days or ranks.
  const equal = claim.kind === "cardinal" && evidence.kind === "cardinal" ? roughlyEqual : Object.is;
  if (claimUnit === undefined || evidenceUnit === undefined || claimUnit.unit === evidenceUnit.unit) {
    return equal(claim.value, evidence.value) ? "same" : "different";
  }
  if (claimUnit.dimension !== evidenceUnit.dimension) return "different";
  const converted = (evidence.value * evidenceUnit.factor) / claimUnit.factor;
  if (Math.abs(converted - claim.value) <= Math.abs(claim.value) * 0.02) return "converted";
  return equal(claim.value, evidence.value) ? "unit-mismatch" : "different";
}

/** A rounded claim may differ from the exact figure by at most this fraction (3%). */
const ROUNDING_TOLERANCE = 0.03;

/** Equal, or the evidence's value rounded to the claim's precision ("1.5 million" for 1,534,000). */
function roughlyEqual(claimed: number, actual: number): boolean {
  if (claimed === actual) return true;
  if (claimed === 0 || actual === 0) return false;
  const digits = significantDigits(claimed);
  if (digits >= significantDigits(actual)) return false;
  const magnitude = 10 ** (Math.floor(Math.log10(Math.abs(actual))) - digits + 1);
  const rounded = Math.round(actual / magnitude) * magnitude;
  return rounded === claimed && Math.abs(actual - claimed) <= Math.abs(actual) * ROUNDING_TOLERANCE;
}

function significantDigits(value: number): number {
  const text = Math.abs(value).toExponential().split("e")[0] ?? "";
  return text.replace(".", "").replace(/0+$/, "").length || 1;
}
