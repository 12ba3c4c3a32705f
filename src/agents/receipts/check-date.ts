// The date: printed on the receipt as the worker gave it, a real calendar day, not in the future
// and not implausibly old.
import type { FindingInput } from "../../domain/finding.js";
import {
  type CalendarDate,
  findDates,
  isCalendarDate,
  isoDate,
  type PrintedDate,
  readDate,
  sameAsPrinted,
} from "./dates.js";
import { finding, q, RECEIPT_RULES as R } from "./findings.js";

export interface DateCheckOptions {
  /** The current time, ms UTC. */
  readonly now: number;
  /** Dates more than this many years before `now` are implausible. */
  readonly maxAgeYears: number;
}

const DAY_MS = 86_400_000;
const utc = (d: CalendarDate) => Date.UTC(d.year, d.month - 1, d.day);
const readings = (dates: readonly CalendarDate[]) => dates.map(isoDate).join(" or ");

function checkPrinted(printed: PrintedDate, options: DateCheckOptions): FindingInput[] {
  const where = `line ${printed.lineNo}: ${q(printed.line)}`;
  const valid = printed.readings.filter(isCalendarDate);
  if (valid.length === 0) {
    return [
      finding(
        R.invalidDate,
        "high",
        "date",
        `date ${q(printed.printed)} is printed (${where}) but is not a calendar date (misread by OCR?)`,
        printed.lineNo,
      ),
    ];
  }
  // Allow a day for time zones: a receipt printed "today" east of UTC.
  if (valid.every((d) => utc(d) > options.now + DAY_MS)) {
    return [
      finding(
        R.dateInFuture,
        "high",
        "date",
        `date ${q(printed.printed)} (${readings(valid)}, ${where}) is after today (${new Date(options.now).toISOString().slice(0, 10)})`,
        printed.lineNo,
      ),
    ];
  }
  const oldest = new Date(options.now);
  oldest.setUTCFullYear(oldest.getUTCFullYear() - options.maxAgeYears);
  if (valid.every((d) => utc(d) < oldest.getTime())) {
    return [
      finding(
        R.dateTooOld,
        "medium",
        "date",
        `date ${q(printed.printed)} (${readings(valid)}, ${where}) is more than ${options.maxAgeYears} years old`,
        printed.lineNo,
      ),
    ];
  }
  return [];
}

export function checkDate(
  worker: string,
  lines: readonly string[],
  options: DateCheckOptions,
): FindingInput[] {
  const pivot = new Date(options.now).getUTCFullYear();
  const printed = findDates(lines, pivot);
  const same = printed.find((p) => sameAsPrinted(p.printed, worker));
  if (same !== undefined) return checkPrinted(same, options);

  const meant = readDate(worker, pivot).map(isoDate);
  const sameDay = printed.find((p) => p.readings.some((r) => meant.includes(isoDate(r))));
  if (sameDay !== undefined) {
    return [
      finding(
        R.dateReformatted,
        "medium",
        "date",
        `date ${q(worker)} is not as printed: the receipt prints ${q(sameDay.printed)} (line ${sameDay.lineNo}: ${q(sameDay.line)}); copy it as printed`,
        sameDay.lineNo,
      ),
    ];
  }
  const first = printed[0];
  const says =
    first === undefined
      ? "the receipt prints no date"
      : `the receipt prints ${q(first.printed)} (line ${first.lineNo}: ${q(first.line)})`;
  return [
    finding(R.notInSource, "high", "date", `date ${q(worker)} is not on the receipt: ${says}`, first?.lineNo),
  ];
}
