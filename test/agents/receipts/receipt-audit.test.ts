import { describe, expect, it } from "vitest";
import type { AuditInput, Auditor } from "../../../src/agents/auditor.js";
import {
  auditReceipt,
  type ReceiptAuditOptions,
  receiptAudit,
} from "../../../src/agents/receipts/auditor.js";
import type { Receipt } from "../../../src/agents/receipts/schema.js";
import type { Evidence } from "../../../src/domain/evidence.js";
import { isCrosscheckError } from "../../../src/errors.js";
import { auditorContract } from "../auditor-contract.js";
import { blocking, GROCERY, GROCERY_FIELDS, lines, NOW, registryEntry, ruleIds, SRI_MURNI } from "./setup.js";

function setupAudit(text: string, options: ReceiptAuditOptions = {}, evidence: Evidence[] = []) {
  return (receipt: Receipt) =>
    auditReceipt(receipt, { text, evidence, caseId: "case-1" }, { now: NOW, maxAgeYears: 20, ...options });
}

describe("receiptAudit: the total", () => {
  const audit = setupAudit(GROCERY);

  it("passes an extraction whose every field is printed where it belongs", () => {
    const verdict = audit(GROCERY_FIELDS);
    expect(verdict).toMatchObject({ decision: "pass", findings: [] });
  });

  it("names transposed digits, with the payable line", () => {
    const verdict = audit({ ...GROCERY_FIELDS, total: "24.40" });
    expect(verdict.decision).toBe("fail");
    expect(verdict.findings?.[0]).toEqual({
      ruleId: "receipt.total-transposed",
      severity: "critical",
      message:
        'total "24.40" has the digits of the amount payable 42.40 in another order (line 19: "TOTAL  42.40"): transposed digits',
      location: { field: "total", line: 19 },
    });
  });

  it("names dropped cents and a dropped decimal point", () => {
    expect(ruleIds(audit({ ...GROCERY_FIELDS, total: "42" }))[0]).toBe("receipt.total-cents-dropped");
    expect(audit({ ...GROCERY_FIELDS, total: "4240" }).findings?.[0]?.message).toBe(
      'total "4240" is the amount payable 42.40 without its decimal point (line 19: "TOTAL  42.40")',
    );
  });

  it("names the tax, the subtotal, the cash or the change given as the total, with their line", () => {
    const first = (total: string) => audit({ ...GROCERY_FIELDS, total }).findings?.[0];
    expect(first("2.40")).toMatchObject({
      ruleId: "receipt.total-is-tax",
      location: { field: "total", line: 17 },
    });
    expect(first("40.00")).toMatchObject({ ruleId: "receipt.total-is-subtotal", location: { line: 16 } });
    expect(first("50.00")).toMatchObject({ ruleId: "receipt.total-not-total-line", location: { line: 20 } });
    expect(first("7.60")).toMatchObject({ ruleId: "receipt.total-not-total-line", location: { line: 21 } });
  });

  it("takes the amount payable after rounding, not a total before it", () => {
    const text = lines(
      "SHOP",
      "1 MAIN ROAD",
      "DATE: 01/02/2020",
      "SUBTOTAL  17.00",
      "SST 6%  1.02",
      "TOTAL  18.02",
      "ROUNDING  -0.02",
      "TOTAL DUE  18.00",
    );
    const receipt = { company: "SHOP", address: "1 MAIN ROAD", date: "01/02/2020", total: "18.00" };
    expect(setupAudit(text)(receipt).decision).toBe("pass");
    expect(ruleIds(setupAudit(text)({ ...receipt, total: "18.02" }))).toContain(
      "receipt.total-before-rounding",
    );
  });

  it("flags a total that does not add up, and a tax that is not the printed rate", () => {
    const text = GROCERY.replace("GST 6%  2.40", "GST 6%  4.40").replace("TOTAL  42.40", "TOTAL  44.40");
    const verdict = setupAudit(text)({ ...GROCERY_FIELDS, tax: "4.40", total: "44.40" });
    expect(ruleIds(verdict)).toEqual(["receipt.tax-rate-mismatch"]);
    const wrong = setupAudit(text)({ ...GROCERY_FIELDS, tax: "2.40", total: "44.40" });
    expect(ruleIds(wrong)).toContain("receipt.total-mismatch");
  });

  it("reads decimal commas and VAT included in the prices", () => {
    const text = lines(
      "BAECKEREI LINDENHOF GMBH",
      "HAUPTSTRASSE 14",
      "80331 MUENCHEN",
      "DATUM: 03.10.2024",
      "BREZE  2 x 0,95  1,90",
      "KAFFEE  1 x 3,40  3,40",
      "SUMME  5,30 €",
      "incl. MwSt 7%  0,35 €",
    );
    const receipt = {
      company: "BAECKEREI LINDENHOF GMBH",
      address: "HAUPTSTRASSE 14 80331 MUENCHEN",
      date: "03.10.2024",
      total: "5,30 €",
      items: [
        { name: "BREZE", amount: "1,90" },
        { name: "KAFFEE", amount: "3,40" },
      ],
    };
    expect(setupAudit(text)(receipt)).toMatchObject({ decision: "pass", findings: [] });
  });
});

describe("receiptAudit: the date", () => {
  const withDate = (printed: string) => GROCERY.replace("14/03/2018", printed);

  it("accepts the date in any common format as printed", () => {
    for (const printed of [
      "14-03-18",
      "14.03.2018",
      "2018-03-14",
      "14 MAR 2018",
      "14-Mar-2018",
      "March 14, 2018",
      "Mar 14 '18",
    ]) {
      expect(blocking(setupAudit(withDate(printed))({ ...GROCERY_FIELDS, date: printed })), printed).toEqual(
        [],
      );
    }
  });

  it("flags a date reformatted from the printed one, naming the printed form and its line", () => {
    expect(setupAudit(GROCERY)({ ...GROCERY_FIELDS, date: "2018-03-14" }).findings?.[0]).toEqual({
      ruleId: "receipt.date-reformatted",
      severity: "medium",
      message:
        'date "2018-03-14" is not as printed: the receipt prints "14/03/2018" (line 9: "DATE: 14/03/2018   TIME: 19:42"); copy it as printed',
      location: { field: "date", line: 9 },
    });
  });

  it("reads an ambiguous printed date both ways when the worker reformats it", () => {
    const text = withDate("03/04/2018");
    expect(ruleIds(setupAudit(text)({ ...GROCERY_FIELDS, date: "2018-03-04" }))).toEqual([
      "receipt.date-reformatted",
    ]);
    expect(ruleIds(setupAudit(text)({ ...GROCERY_FIELDS, date: "2018-04-03" }))).toEqual([
      "receipt.date-reformatted",
    ]);
    expect(ruleIds(setupAudit(text)({ ...GROCERY_FIELDS, date: "2018-04-05" }))).toEqual([
      "receipt.field-not-in-source",
    ]);
  });

  it("flags a date the receipt does not print", () => {
    expect(setupAudit(GROCERY)({ ...GROCERY_FIELDS, date: "15/03/2018" }).findings?.[0]).toMatchObject({
      ruleId: "receipt.field-not-in-source",
      severity: "high",
      location: { field: "date", line: 9 },
    });
  });

  it("flags a printed day that does not exist", () => {
    expect(ruleIds(setupAudit(withDate("31/04/2018"))({ ...GROCERY_FIELDS, date: "31/04/2018" }))).toEqual([
      "receipt.invalid-date",
    ]);
  });

  it("flags a date after today (a fixed now) and one implausibly old", () => {
    const future = setupAudit(withDate("27/11/2026"))({ ...GROCERY_FIELDS, date: "27/11/2026" });
    expect(future.findings?.[0]).toMatchObject({
      ruleId: "receipt.date-in-future",
      message:
        'date "27/11/2026" (2026-11-27, line 9: "DATE: 27/11/2026   TIME: 19:42") is after today (2026-11-25)',
    });
    expect(blocking(setupAudit(withDate("26/11/2026"))({ ...GROCERY_FIELDS, date: "26/11/2026" }))).toEqual(
      [],
    );
    const old = setupAudit(GROCERY, { maxAgeYears: 5 })(GROCERY_FIELDS);
    expect(ruleIds(old)).toEqual(["receipt.date-too-old"]);
  });

  it("uses the clock when no now is given", () => {
    const verdict = auditReceipt(
      { ...GROCERY_FIELDS, date: "14/03/2099" },
      { text: withDate("14/03/2099"), evidence: [], caseId: "c" },
      {},
    );
    expect(ruleIds(verdict)).toContain("receipt.date-in-future");
  });
});

describe("receiptAudit: company and address", () => {
  const NOISY = lines(
    "KEDAl RUNClT 5RI MURNI SDNBHD",
    "N0 12, JALANMERANTI 3,",
    "TAMAN 5RI MURNI,",
    "68100 BATU CAVE5, SELANG0R",
    "TE1: 03-6189 2210",
    "DATE: 14/03/2018",
    "T0TAL  42.40",
  );

  it("matches through OCR noise: case, spacing, punctuation and O/0, I/l/1, S/5 confusions", () => {
    const verdict = setupAudit(NOISY)({
      ...GROCERY_FIELDS,
      company: "Kedai Runcit Sri Murni Sdn. Bhd.",
      subtotal: undefined,
      tax: undefined,
    } as Receipt);
    expect(blocking(verdict)).toEqual([]);
  });

  it("accepts the company without its legal form", () => {
    expect(blocking(setupAudit(GROCERY)({ ...GROCERY_FIELDS, company: "KEDAI RUNCIT SRI MURNI" }))).toEqual(
      [],
    );
  });

  it("flags a company taken from the footer or an item line, with that line", () => {
    const footer = setupAudit(GROCERY)({
      ...GROCERY_FIELDS,
      company: "THANK YOU FOR SHOPPING AT KEDAI RUNCIT SRI MURNI",
    });
    expect(footer.findings?.[0]).toMatchObject({
      ruleId: "receipt.company-not-header",
      location: { field: "company", line: 22 },
    });
    const item = setupAudit(GROCERY)({ ...GROCERY_FIELDS, company: "GARDENIA BREAD" });
    expect(item.findings?.[0]?.message).toBe(
      'company "GARDENIA BREAD" is taken from an item or amount line, line 13: "GARDENIA BREAD  2 x 3.80  7.60"; the header names "KEDAI RUNCIT SRI MURNI SDN BHD" (line 1)',
    );
  });

  it("flags a company printed nowhere", () => {
    expect(
      setupAudit(GROCERY)({ ...GROCERY_FIELDS, company: "TEGUH HARDWARE TRADING" }).findings?.[0],
    ).toMatchObject({
      ruleId: "receipt.field-not-in-source",
      severity: "high",
      location: { field: "company", line: 1 },
    });
  });

  it("flags an address cut inside a line (medium) and one missing its last line (low)", () => {
    const inside = setupAudit(GROCERY)({ ...GROCERY_FIELDS, address: "NO 12, JALAN MERANTI 3, TAMAN SRI" });
    expect(inside.findings?.[0]).toMatchObject({
      ruleId: "receipt.address-truncated",
      severity: "medium",
      location: { line: 4 },
    });
    const lastLine = setupAudit(GROCERY)({
      ...GROCERY_FIELDS,
      address: "NO 12, JALAN MERANTI 3, TAMAN SRI MURNI",
    });
    expect(lastLine.findings?.[0]).toMatchObject({
      ruleId: "receipt.address-truncated",
      severity: "low",
      location: { line: 5 },
    });
  });

  it("flags an address the receipt does not print", () => {
    const verdict = setupAudit(GROCERY)({
      ...GROCERY_FIELDS,
      address: "23, LEBUH CHULIA, 10200 GEORGE TOWN",
    });
    expect(verdict.findings?.[0]).toMatchObject({
      ruleId: "receipt.field-not-in-source",
      severity: "medium",
      location: { field: "address" },
    });
  });
});

describe("receiptAudit: the vendor registry", () => {
  const registry = { sourcePrefix: "vendors.json#" };

  it("cites the registry entry of a known vendor", () => {
    const verdict = setupAudit(GROCERY, { registry }, [SRI_MURNI])(GROCERY_FIELDS);
    expect(verdict.decision).toBe("pass");
    expect(verdict.findings).toEqual([
      expect.objectContaining({
        ruleId: "receipt.known-vendor",
        severity: "info",
        evidenceIds: ["sri-murni"],
      }),
    ]);
  });

  it("flags a printed registration number that is not the registry's", () => {
    const verdict = setupAudit(GROCERY.replace("1012345-K", "1012354-K"), { registry }, [SRI_MURNI])(
      GROCERY_FIELDS,
    );
    expect(verdict.findings?.[0]).toMatchObject({
      ruleId: "receipt.vendor-registration-mismatch",
      location: { field: "company", line: 2 },
      evidenceIds: ["sri-murni"],
    });
  });

  it("does not block an unknown vendor whose receipt checks out, and blocks one it cannot verify", () => {
    const verified = setupAudit(GROCERY, { registry })(GROCERY_FIELDS);
    expect(verified.findings?.[0]).toMatchObject({ ruleId: "receipt.unknown-vendor", severity: "info" });
    const bare = lines(
      "BENGKEL MOTOR AH SENG",
      "LOT 5, JALAN KILANG",
      "DATE: 03/03/2020",
      "TOTAL  RM 185.00",
    );
    const receipt = {
      company: "BENGKEL MOTOR AH SENG",
      address: "LOT 5, JALAN KILANG",
      date: "03/03/2020",
      total: "RM 185.00",
    };
    expect(setupAudit(bare, { registry })(receipt).findings?.[0]).toMatchObject({
      ruleId: "receipt.unknown-vendor",
      severity: "medium",
    });
  });

  it("ignores registry evidence whose text does not match its hash or that comes from elsewhere", () => {
    const forged = { ...SRI_MURNI, text: SRI_MURNI.text.replace("1012345-K", "9999999-Z") };
    const elsewhere = registryEntry("x", "KEDAI RUNCIT SRI MURNI SDN BHD", "1012345-K", "X", "web#x");
    for (const evidence of [forged, elsewhere]) {
      const verdict = setupAudit(lines("SHOP", "1 ROAD", "DATE: 01/02/2020", "TOTAL  5.00"), { registry }, [
        evidence,
      ])({
        company: "SHOP",
        address: "1 ROAD",
        date: "01/02/2020",
        total: "5.00",
      });
      expect(ruleIds(verdict)).toEqual(["receipt.unknown-vendor"]);
    }
  });
});

describe("receiptAudit()", () => {
  it("rejects options it does not know how to use, naming the field", () => {
    try {
      receiptAudit({ maxAgeYears: -1 });
      expect.unreachable();
    } catch (error) {
      expect(isCrosscheckError(error) && error.code).toBe("WORKFLOW_INVALID");
      expect((error as Error).message).toContain("maxAgeYears");
    }
  });

  it("abstains on an output that is not a receipt", async () => {
    const input = {
      caseId: "c",
      task: { input: { text: GROCERY } },
      output: { content: { total: 3 } },
      trace: [],
      evidence: [],
    } as unknown as AuditInput<{ text: string }, Receipt>;
    const verdict = await receiptAudit().audit(input, { signal: new AbortController().signal });
    expect(verdict.decision).toBe("abstain");
  });
});

auditorContract("receiptAudit", () => receiptAudit({ now: NOW }) as unknown as Auditor);
