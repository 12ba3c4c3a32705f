/** Detectors of personal data in text: each match is checked (mod-97, Luhn, ranges), not just shaped. */

export type PersonalDataKind = "email" | "phone" | "iban" | "card" | "national-id";

export interface Match {
  kind: PersonalDataKind | "secret";
  /** What it is, for the finding's message (never the value itself). */
  label: string;
  start: number;
  end: number;
  value: string;
}

const EMAIL = /\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b/g;
/** International (+CC ...) or national with a trunk 0 ("020 7946 0958"), then groups; 9 to 15 digits. */
const PHONE =
  /(?<![\w+])(?:\+\d{1,3}[\s.-]?(?:\(\d{1,4}\)[\s.-]?)?|\(0\d{1,4}\)[\s.-]?|0)\d{1,4}(?:[\s.-]\d{2,4}){2,4}(?![\w-])/g;
const IBAN = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b/g;
const CARD = /\b\d(?:[ -]?\d){12,18}\b/g;
const NATIONAL_IDS: readonly { label: string; pattern: RegExp; valid?: (value: string) => boolean }[] = [
  { label: "US social security number", pattern: /\b\d{3}-\d{2}-\d{4}\b/g, valid: validSsn },
  {
    label: "UK national insurance number",
    pattern: /\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b/g,
  },
  {
    label: "Malaysian MyKad number",
    pattern: /\b\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])-\d{2}-\d{4}\b/g,
  },
];

/** Every personal-data match in `text`, in order of position, without overlaps. */
export function findPersonalData(text: string): Match[] {
  const matches: Match[] = [];
  const add = (
    kind: Match["kind"],
    label: string,
    pattern: RegExp,
    valid: (v: string) => boolean = () => true,
  ) => {
    for (const m of text.matchAll(pattern)) {
      if (valid(m[0])) matches.push({ kind, label, start: m.index, end: m.index + m[0].length, value: m[0] });
    }
  };
  add("email", "email address", EMAIL);
  add("iban", "IBAN", IBAN, validIban);
  add("card", "payment card number", CARD, (v) => luhn(v.replace(/\D/g, "")));
  for (const id of NATIONAL_IDS) add("national-id", id.label, id.pattern, id.valid);
  add("phone", "phone number", PHONE, (v) => {
    const digits = v.replace(/\D/g, "").length;
    return digits >= 9 && digits <= 15;
  });
  return withoutOverlaps(matches);
}

/** Keeps the earliest-found (most specific) match where matches overlap. */
export function withoutOverlaps(matches: readonly Match[]): Match[] {
  const kept: Match[] = [];
  for (const m of matches) if (!kept.some((k) => m.start < k.end && k.start < m.end)) kept.push(m);
  return kept.sort((a, b) => a.start - b.start);
}

/** ISO 13616: move the first four characters to the end, letters to numbers, mod 97 must be 1. */
export function validIban(value: string): boolean {
  const iban = value.replace(/ /g, "");
  if (iban.length < 15 || iban.length > 34) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const code = /[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch;
    for (const digit of code) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

/** The Luhn check of payment card numbers (13-19 digits). */
export function luhn(digits: string): boolean {
  if (!/^\d{13,19}$/.test(digits) || /^(\d)\1+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function validSsn(value: string): boolean {
  const [area, group, serial] = value.split("-");
  return area !== "000" && area !== "666" && !area?.startsWith("9") && group !== "00" && serial !== "0000";
}
