import { describe, expect, it } from "vitest";
import { compareQuantities, quantities } from "../../../src/agents/grounding/quantities.js";

const values = (text: string) => quantities(text).map((q) => [q.kind, q.value, q.unit ?? null]);
const one = (text: string) => {
  const [first] = quantities(text);
  if (first === undefined) throw new Error(`no quantity in ${text}`);
  return first;
};

describe("quantities", () => {
  it("normalises digits, thousands separators and scale words to one value", () => {
    expect(values("1.5 million passengers")).toEqual([["cardinal", 1_500_000, null]]);
    expect(values("1,500,000 passengers")).toEqual([["cardinal", 1_500_000, null]]);
    expect(values("84 million euros")).toEqual([["cardinal", 84_000_000, "eur"]]);
    expect(values("$5 million")).toEqual([["cardinal", 5_000_000, "usd"]]);
  });

  it("reads number words and ordinals", () => {
    expect(values("eleven years")).toEqual([["cardinal", 11, "year"]]);
    expect(values("twenty-five km")).toEqual([["cardinal", 25, "km"]]);
    expect(values("the twelfth episode")).toEqual([["ordinal", 12, null]]);
    expect(values("the 12th episode")).toEqual([["ordinal", 12, null]]);
  });

  it("reads years, decades, calendar days and year ranges", () => {
    expect(values("born 1899 in London")).toEqual([["year", 1899, null]]);
    expect(values("in the 1960s")).toEqual([["decade", 1960, null]]);
    expect(values("on October 8, 2008")).toEqual([
      ["day", 1008, null],
      ["year", 2008, null],
    ]);
    expect(values("on 14 March 1962")).toEqual([
      ["day", 314, null],
      ["year", 1962, null],
    ]);
    expect(values("from 1969–72")).toEqual([
      ["year", 1969, null],
      ["year", 1972, null],
    ]);
  });

  it("leaves numbers inside identifiers alone", () => {
    expect(values("the Boeing F-22 Raptor and the B52")).toEqual([]);
  });

  it("compares across units: a conversion matches, the same number in another unit is a unit mismatch", () => {
    expect(compareQuantities(one("62 miles"), one("100 km"))).toBe("converted");
    expect(compareQuantities(one("100 miles"), one("100 km"))).toBe("unit-mismatch");
    expect(compareQuantities(one("90 miles"), one("100 km"))).toBe("different");
    expect(compareQuantities(one("1.5 million"), one("1,500,000"))).toBe("same");
  });

  it("tolerates a rounded amount within 3%, never a rounded year", () => {
    expect(compareQuantities(one("1.5 million"), one("1,534,000"))).toBe("same");
    expect(compareQuantities(one("40,000"), one("42,330"))).toBe("different");
    expect(compareQuantities(one("in 1950"), one("in 1945"))).toBe("different");
  });
});
