import { describe, expect, it } from "vitest";
import { amountsOn, money, parseAmount } from "../../../src/agents/receipts/amounts.js";
import { receiptLines } from "../../../src/agents/receipts/lines.js";

describe("parseAmount", () => {
  it("reads currencies before or after, thousands separators and decimal commas, as cents", () => {
    expect(parseAmount("RM 1,234.50")).toBe(123450);
    expect(parseAmount("S$12.00")).toBe(1200);
    expect(parseAmount("£ 9.99")).toBe(999);
    expect(parseAmount("1.234,56 €")).toBe(123456);
    expect(parseAmount("12,50")).toBe(1250);
    expect(parseAmount("-0.02")).toBe(-2);
    expect(parseAmount("(0.03)")).toBe(-3);
  });

  it("reads whole units only when asked (a worker may drop the cents)", () => {
    expect(parseAmount("42")).toBeUndefined();
    expect(parseAmount("42", { wholeUnits: true })).toBe(4200);
    expect(parseAmount("RM 1,409", { wholeUnits: true })).toBe(140900);
    expect(parseAmount("fifteen", { wholeUnits: true })).toBeUndefined();
  });

  it("prints cents back as a plain amount", () => {
    expect(money(140980)).toBe("1409.80");
    expect(money(-2)).toBe("-0.02");
  });
});

describe("receipt lines", () => {
  it("finds amounts on a line but not dates or times", () => {
    expect(amountsOn("DATE 14.03.2018 19:42").map((a) => a.cents)).toEqual([]);
    expect(amountsOn("SUGAR 1KG  2 x 2.85  5.70").map((a) => a.cents)).toEqual([285, 570]);
  });

  it("classifies lines through OCR noise and keeps non-payable totals apart", () => {
    const kinds = receiptLines(
      [
        "5UB T0TAL  25.60",
        "G5T 6%  1.54",
        "R0UNDING  0.01",
        "TOTAL QTY: 4",
        "TOTAL EXCL. SST  38.60",
        "T0TAL  27.15",
        "AMOUNT DUE  $24.30",
        "CA5H  30.00",
        "CHANGE  2.85",
        "incl. MwSt 7%  0,62 €",
      ].join("\n"),
    ).map((l) => l.kind);
    expect(kinds).toEqual([
      "subtotal",
      "tax",
      "rounding",
      "text",
      "other-total",
      "total",
      "total",
      "cash",
      "change",
      "tax",
    ]);
  });
});
