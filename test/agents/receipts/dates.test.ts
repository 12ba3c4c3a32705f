import { describe, expect, it } from "vitest";
import { findDates, isCalendarDate, readDate } from "../../../src/agents/receipts/dates.js";

const day = (year: number, month: number, d: number) => ({ year, month, day: d });

describe("readDate", () => {
  it("reads numeric dates day first, with slashes, dashes or dots", () => {
    expect(readDate("14/03/2018")).toEqual([day(2018, 3, 14)]);
    expect(readDate("14-03-2018")).toEqual([day(2018, 3, 14)]);
    expect(readDate("14.03.2018")).toEqual([day(2018, 3, 14)]);
  });

  it("reads ISO dates", () => {
    expect(readDate("2019-12-01")).toEqual([day(2019, 12, 1)]);
    expect(readDate("2019/12/01")).toEqual([day(2019, 12, 1)]);
  });

  it("reads two-digit years in this century unless that would be more than a year ahead", () => {
    expect(readDate("14-03-18", 2026)).toEqual([day(2018, 3, 14)]);
    expect(readDate("14/03/27", 2026)).toEqual([day(2027, 3, 14)]);
    expect(readDate("14/03/95", 2026)).toEqual([day(1995, 3, 14)]);
    expect(readDate("Mar 14 '18", 2026)).toEqual([day(2018, 3, 14)]);
  });

  it("reads month names and their abbreviations, either order", () => {
    expect(readDate("5 JUL 2019")).toEqual([day(2019, 7, 5)]);
    expect(readDate("05-Jul-2019")).toEqual([day(2019, 7, 5)]);
    expect(readDate("5th July 2019")).toEqual([day(2019, 7, 5)]);
    expect(readDate("March 7, 2023")).toEqual([day(2023, 3, 7)]);
    expect(readDate("SEPT 3 2020")).toEqual([day(2020, 9, 3)]);
    expect(readDate("7 Smarch 2023")).toEqual([]);
  });

  it("reads an ambiguous dd/mm or mm/dd date both ways, and a clear one one way", () => {
    expect(readDate("03/04/2018")).toEqual([day(2018, 4, 3), day(2018, 3, 4)]);
    expect(readDate("13/04/2018")).toEqual([day(2018, 4, 13)]);
    expect(readDate("04/13/2018")).toEqual([day(2018, 4, 13)]);
    expect(readDate("04/04/2018")).toEqual([day(2018, 4, 4)]);
  });

  it("keeps a day that does not exist, for the caller to flag", () => {
    expect(readDate("31/04/2018")).toEqual([day(2018, 4, 31)]);
    expect(isCalendarDate(day(2018, 4, 31))).toBe(false);
    expect(isCalendarDate(day(2019, 2, 29))).toBe(false);
    expect(isCalendarDate(day(2020, 2, 29))).toBe(true);
  });
});

describe("findDates", () => {
  it("finds dates inside receipt lines with their line numbers, not amounts or times", () => {
    const found = findDates(
      ["TOTAL  14.03", "DATE: 14/03/2018   TIME: 19:42", "Date 03.10.2024 09:12"],
      2026,
    );
    expect(found.map((d) => [d.printed, d.lineNo])).toEqual([
      ["14/03/2018", 2],
      ["03.10.2024", 3],
    ]);
  });
});
