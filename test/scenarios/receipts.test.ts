import { createHash } from "node:crypto";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { compareReadings, reExtract, similarity } from "../../scenarios/receipts/auditors/re-extract.js";
import { extractReceipt } from "../../scenarios/receipts/extractor.js";
import type { Receipt, ReceiptInput } from "../../scenarios/receipts/receipt.js";
import { lookupVendors } from "../../scenarios/receipts/registry.js";
import { BAKERY_EU, DINER_US, GROCERY, GROCERY_FIELDS, TORN } from "../../scenarios/receipts/samples.js";
import suite from "../../scenarios/receipts/suite.js";
import type { AuditInput, Evidence } from "../../src/index.js";
import { runSuite } from "../../src/scenarios/runner.js";
import { tempDir } from "../helpers/temp.js";

const lines = (...l: string[]) => l.join("\n");

/** A small receipt whose numbers add up: 10.00 + 5.00 = 15.00, tax 0.90, total 15.90. */
const SMALL = lines(
  "KEDAI RUNCIT SRI MURNI SDN BHD",
  "NO 12, JALAN MERANTI 3",
  "DATE: 01/02/2020",
  "RICE 5KG  1 x 10.00  10.00",
  "OIL 1L  1 x 5.00  5.00",
  "SUBTOTAL  15.00",
  "GST 6%  0.90",
  "TOTAL  15.90",
  "CASH  20.00",
  "CHANGE  4.10",
);
const SMALL_FIELDS: Receipt = {
  company: "KEDAI RUNCIT SRI MURNI SDN BHD",
  address: "NO 12, JALAN MERANTI 3",
  date: "01/02/2020",
  total: "15.90",
};

describe("vendor registry retriever", () => {
  it("serves registry entries as evidence with a sha256 of their text", () => {
    const evidence = lookupVendors("KEDAI RUNCIT SRI MURNI SDN BHD");
    expect(evidence).toHaveLength(1);
    const [entry] = evidence as [Evidence];
    expect(entry).toMatchObject({ id: "sri-murni", source: "vendors.json#sri-murni", score: 1 });
    expect(entry.contentHash).toBe(createHash("sha256").update(entry.text).digest("hex"));
    expect(lookupVendors("Kedai Runcit Sri Murni")).toHaveLength(1);
    expect(lookupVendors("GERAI BUAH SEGAR PAK ALI")).toEqual([]);
  });
});

describe("re-extract", () => {
  it("passes an output whose fields its own reading agrees with", () => {
    expect(compareReadings(SMALL_FIELDS, SMALL)).toMatchObject({ decision: "pass" });
    expect(compareReadings(GROCERY_FIELDS, GROCERY)).toMatchObject({ decision: "pass" });
  });

  it("tolerates OCR noise and a dropped legal form in names", () => {
    const noisy = SMALL.replace("KEDAI RUNCIT SRI MURNI SDN BHD", "KEDAl RUNClT 5RI MURNI SDNBHD");
    expect(compareReadings({ ...SMALL_FIELDS, company: "KEDAI RUNCIT SRI MURNI" }, noisy).decision).toBe(
      "pass",
    );
    expect(similarity("JALAN MERANTI", "JA1AN MERANT1")).toBe(1);
  });

  it("fails each field its reading differs on, naming the field, both values and the line", () => {
    const result = compareReadings({ ...SMALL_FIELDS, total: "20.00", date: "2020-02-01" }, SMALL);
    expect(result.decision).toBe("fail");
    expect(result.findings).toEqual([
      {
        ruleId: "receipt.extraction-disagrees",
        severity: "medium",
        message: 'total: the worker says "20.00", an independent extraction reads "15.90" (line 8)',
        location: { field: "total", line: 8 },
      },
      {
        ruleId: "receipt.extraction-disagrees",
        severity: "medium",
        message: 'date: the worker says "2020-02-01", an independent extraction reads "01/02/2020" (line 3)',
        location: { field: "date", line: 3 },
      },
    ]);
  });

  it("abstains, without throwing, on an output that is not a receipt", async () => {
    const input = {
      caseId: "c",
      task: { input: { text: SMALL } },
      output: { content: { total: 3 } },
      trace: [],
      evidence: [],
    } as unknown as AuditInput<ReceiptInput, Receipt>;
    const result = await reExtract.audit(input, { signal: new AbortController().signal });
    expect(result.decision).toBe("abstain");
  });
});

describe("extractor", () => {
  it("reads every field of a typical receipt as printed", () => {
    expect(extractReceipt(GROCERY)).toEqual(GROCERY_FIELDS);
  });

  it("leaves out the total of a receipt with no TOTAL line", () => {
    const found = extractReceipt(TORN);
    expect(found.total).toBeUndefined();
    expect(found.company).toBe("KEDAI RUNCIT SRI MURNI SDN BHD");
  });

  it("reads decimal commas with a trailing euro sign, and month-name dates", () => {
    expect(extractReceipt(BAKERY_EU)).toMatchObject({
      company: "BAECKEREI LINDENHOF GMBH",
      address: "HAUPTSTRASSE 14 80331 MUENCHEN",
      date: "03.10.2024",
      tax: "0,62 €",
      total: "9,50 €",
    });
    expect(extractReceipt(DINER_US)).toMatchObject({ date: "March 7, 2023", total: "$24.30" });
  });
});

describe("receipts suite", () => {
  it("covers honest receipts, every rule the auditors raise, and human decisions both ways", () => {
    const expected = (c: (typeof suite.cases)[number]) =>
      c.expect.findings.map((f) => (typeof f === "string" ? f : f.ruleId));
    const pinned = suite.cases.flatMap((c) => c.expect.findings).filter((f) => typeof f !== "string");
    expect(suite.cases.length).toBeGreaterThanOrEqual(20);
    for (const rule of [
      "receipt.total-mismatch",
      "receipt.items-sum",
      "receipt.field-not-in-source",
      "receipt.total-not-total-line",
      "receipt.total-transposed",
      "receipt.total-cents-dropped",
      "receipt.total-is-tax",
      "receipt.total-is-subtotal",
      "receipt.tax-rate-mismatch",
      "receipt.invalid-date",
      "receipt.date-reformatted",
      "receipt.date-in-future",
      "receipt.company-not-header",
      "receipt.address-truncated",
      "receipt.unknown-vendor",
      "receipt.vendor-registration-mismatch",
      "receipt.extraction-disagrees",
    ]) {
      expect(suite.cases.some((c) => expected(c).includes(rule))).toBe(true);
    }
    const notInSource = new Set(
      pinned.filter((f) => f.ruleId === "receipt.field-not-in-source").map((f) => f.field),
    );
    expect([...notInSource].sort()).toEqual(["address", "date", "tax", "total"]);
    expect(pinned.filter((f) => f.field === "total").length).toBeGreaterThanOrEqual(2);
    expect(suite.cases.some((c) => c.evidence !== undefined)).toBe(true);
    expect(new Set(suite.cases.map((c) => c.expect.final))).toEqual(
      new Set([undefined, "accepted", "rejected"]),
    );
    for (const c of suite.cases) expect(c.tags.length, c.name).toBeGreaterThan(0);
    for (const c of suite.cases.filter((c) => c.tags.includes("honest"))) {
      expect(c.expect.absent.length, c.name).toBeGreaterThan(0);
    }
  });

  it("meets every case's expectations", async () => {
    const db = path.join(tempDir("crosscheck-receipts-"), "audit.db");
    try {
      const report = await runSuite(suite, { db, concurrency: 4 });
      expect(report.cases.filter((c) => c.status !== "passed").map((c) => [c.name, c.failures])).toEqual([]);
      expect(report.cases).toHaveLength(suite.cases.length);
    } finally {
      suite.workflow.close();
    }
  });
});
