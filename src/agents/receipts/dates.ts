// Dates as receipts print them: 14/03/2018, 03/14/2018, 14-03-18, 14.03.2018, 2018-03-14,
// 14 MAR 2018, 14-Mar-18, March 14, 2018, Mar 14 '18. A numeric date whose order is ambiguous
// (03/04/2018) reads both ways.

export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const MONTH_NAMES: Readonly<Record<string, number>> = {
  JAN: 1,
  JANUARY: 1,
  FEB: 2,
  FEBRUARY: 2,
  MAR: 3,
  MARCH: 3,
  APR: 4,
  APRIL: 4,
  MAY: 5,
  JUN: 6,
  JUNE: 6,
  JUL: 7,
  JULY: 7,
  AUG: 8,
  AUGUST: 8,
  SEP: 9,
  SEPT: 9,
  SEPTEMBER: 9,
  OCT: 10,
  OCTOBER: 10,
  NOV: 11,
  NOVEMBER: 11,
  DEC: 12,
  DECEMBER: 12,
};
const MONTH = String.raw`(?:JAN(?:UARY)?|FEB(?:RUARY)?|MAR(?:CH)?|APR(?:IL)?|MAY|JUNE?|JULY?|AUG(?:UST)?|SEPT?(?:EMBER)?|OCT(?:OBER)?|NOV(?:EMBER)?|DEC(?:EMBER)?)\.?`;
const YEAR = String.raw`(?:\d{4}|'?\d{2})`;

/** Every date form we read, as one pattern (for finding dates in a text). */
export const DATE_PATTERN = new RegExp(
  [
    String.raw`(?<![\d/.-])\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?!\d|[/.-]\d)`,
    String.raw`(?<![\d/.-])\d{1,2}[-/.]\d{1,2}[-/.]${YEAR}(?!\d|[/.-]\d)`,
    String.raw`(?<![\d/.-])\d{1,2}(?:ST|ND|RD|TH)?[\s-]*${MONTH}[\s,-]*${YEAR}(?!\d)`,
    String.raw`(?<![A-Z])${MONTH}[\s-]*\d{1,2}(?:ST|ND|RD|TH)?,?[\s-]*${YEAR}(?!\d)`,
  ].join("|"),
  "gi",
);

/** Whether day, month and year name a day that exists (31/04 and 29/02/2019 do not). */
export function isCalendarDate({ year, month, day }: CalendarDate): boolean {
  if (!Number.isInteger(year) || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function fullYear(text: string, pivotYear: number): number {
  const digits = text.replace("'", "");
  const n = Number(digits);
  if (digits.length === 4) return n;
  // Two digits: this century unless that would be more than a year ahead.
  const century = Math.floor(pivotYear / 100) * 100;
  return century + n > pivotYear + 1 ? century - 100 + n : century + n;
}

function monthOf(name: string): number | undefined {
  return MONTH_NAMES[name.replace(".", "").toUpperCase()];
}

/**
 * The calendar days a printed date can mean (one, or two for an ambiguous dd/mm vs mm/dd);
 * empty when the text is not a date. Days that do not exist are kept (check `isCalendarDate`),
 * unless the other reading of an ambiguous date exists. `pivotYear` places 2-digit years.
 */
export function readDate(text: string, pivotYear: number = new Date().getUTCFullYear()): CalendarDate[] {
  const s = text.trim().toUpperCase().replace(/\s+/g, " ");
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s);
  if (m) return [{ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }];
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.]('?\d{2}|\d{4})$/.exec(s);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const year = fullYear(m[3] ?? "", pivotYear);
    const dayFirst = { year, month: b, day: a };
    const monthFirst = { year, month: a, day: b };
    if (a === b || b > 12) return [a === b ? dayFirst : monthFirst];
    if (a > 12) return [dayFirst];
    const valid = [dayFirst, monthFirst].filter(isCalendarDate);
    return valid.length > 0 ? valid : [dayFirst];
  }
  m = /^(\d{1,2})(?:ST|ND|RD|TH)?[\s-]*([A-Z]+\.?)[\s,-]*('?\d{2}|\d{4})$/.exec(s);
  if (m) {
    const month = monthOf(m[2] ?? "");
    return month === undefined ? [] : [{ year: fullYear(m[3] ?? "", pivotYear), month, day: Number(m[1]) }];
  }
  m = /^([A-Z]+\.?)[\s-]*(\d{1,2})(?:ST|ND|RD|TH)?,?[\s-]*('?\d{2}|\d{4})$/.exec(s);
  if (m) {
    const month = monthOf(m[1] ?? "");
    return month === undefined ? [] : [{ year: fullYear(m[3] ?? "", pivotYear), month, day: Number(m[2]) }];
  }
  return [];
}

/** A date printed on a line of the receipt. */
export interface PrintedDate {
  readonly printed: string;
  readonly lineNo: number;
  readonly line: string;
  readonly readings: readonly CalendarDate[];
}

/** Every date printed on the given lines (numbered from 1). */
export function findDates(lines: readonly string[], pivotYear?: number): PrintedDate[] {
  return lines.flatMap((line, i) =>
    [...line.matchAll(new RegExp(DATE_PATTERN.source, "gi"))].map((m) => ({
      printed: m[0],
      lineNo: i + 1,
      line,
      readings: readDate(m[0], pivotYear),
    })),
  );
}

/** ISO form of a calendar date, "2018-03-14". */
export function isoDate({ year, month, day }: CalendarDate): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** A printed date as comparable text: upper case, no spaces, no trailing dot or comma. */
export function sameAsPrinted(a: string, b: string): boolean {
  const norm = (s: string) => s.toUpperCase().replace(/[\s,.]/g, "");
  return norm(a) === norm(b);
}
