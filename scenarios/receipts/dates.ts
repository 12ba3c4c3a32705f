// Dates as receipts print them: 12/03/2018, 12-03-18, 12.03.2018, 2018-03-12, 12 MAR 2018.

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

/** The date formats the extractor looks for, first match wins. */
export const DATE_PATTERN =
  /(?<![\d/.-])(?:\d{4}-\d{2}-\d{2}|\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})|\d{1,2}[\s-](?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)[A-Z]*[\s-]\d{4})(?![\d/.-])/i;

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** Whether day, month and year name a day that exists (31/04 and 29/02/2019 do not). */
export function isCalendarDate({ year, month, day }: CalendarDate): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= days;
}

/**
 * Reads a printed date (day first, as on Malaysian and Singaporean receipts); undefined when the
 * text is not one of the known formats. It does not check that the day exists.
 */
export function readDate(text: string): CalendarDate | undefined {
  const s = text.trim().toUpperCase();
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m) return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$/.exec(s);
  if (m) {
    const year = Number(m[3]);
    return { year: year < 100 ? 2000 + year : year, month: Number(m[2]), day: Number(m[1]) };
  }
  m = /^(\d{1,2})[\s-]([A-Z]{3})[A-Z]*[\s-](\d{4})$/.exec(s);
  if (m) {
    const month = MONTHS.indexOf(m[2] ?? "") + 1;
    if (month === 0) return undefined;
    return { year: Number(m[3]), month, day: Number(m[1]) };
  }
  return undefined;
}
