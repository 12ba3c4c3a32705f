import { createHash } from "node:crypto";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkArithmetic } from "../../scenarios/receipts/auditors/arithmetic.js";
import { checkSource } from "../../scenarios/receipts/auditors/source-match.js";
import {
  checkVendor,
  reconsiderVendor,
  vendorRegistry,
} from "../../scenarios/receipts/auditors/vendor-registry.js";
import { extractReceipt } from "../../scenarios/receipts/extractor.js";
import type { Receipt, ReceiptInput } from "../../scenarios/receipts/receipt.js";
import { lookupVendors } from "../../scenarios/receipts/registry.js";
import {
  BOOKSHOP,
  BOOKSHOP_FIELDS,
  GROCERY,
  GROCERY_FIELDS,
  TORN,
} from "../../scenarios/receipts/samples.js";
import suite from "../../scenarios/receipts/suite.js";
import type { AuditInput, Evidence, Verdict, VerdictInput } from "../../src/index.js";
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
  items: [
    { name: "RICE 5KG", amount: "10.00" },
    { name: "OIL 1L", amount: "5.00" },
  ],
  subtotal: "15.00",
  tax: "0.90",
  total: "15.90",
};

const ruleIds = (verdict: VerdictInput) => (verdict.findings ?? []).map((f) => f.ruleId);

function verdict(
  auditor: string,
  decision: Verdict["decision"],
  confidence: number,
  ruleId?: string,
): Verdict {
  return {
    auditor,
    round: 0,
    decision,
    confidence,
    rationale: "",
    findings: ruleId === undefined ? [] : [{ ruleId, severity: "medium", message: ruleId, evidenceIds: [] }],
  };
}

describe("arithmetic", () => {
  it("passes a receipt whose items, subtotal, tax and total agree", () => {
    const result = checkArithmetic(SMALL_FIELDS, SMALL);
    expect(result.decision).toBe("pass");
    expect(result.confidence).toBeGreaterThanOrEqual(0.9);
  });

  it("flags a total that is not subtotal plus tax", () => {
    const result = checkArithmetic({ ...SMALL_FIELDS, total: "16.90" }, SMALL);
    expect(result.decision).toBe("fail");
    expect(result.findings).toEqual([
      expect.objectContaining({
        ruleId: "receipt.total-mismatch",
        severity: "critical",
        location: { field: "total" },
      }),
    ]);
  });

  it("flags items that do not add up to the subtotal", () => {
    const items = [{ name: "RICE 5KG", amount: "10.00" }];
    const result = checkArithmetic({ ...SMALL_FIELDS, items }, SMALL);
    expect(result.decision).toBe("fail");
    expect(ruleIds(result)).toEqual(["receipt.items-sum"]);
  });

  it("counts the ROUNDING line printed on the receipt", () => {
    const text = lines("SHOP", "SUBTOTAL  17.00", "SERVICE TAX 6%  1.02", "ROUNDING  -0.02", "TOTAL  18.00");
    const { company, date, address } = SMALL_FIELDS;
    const receipt: Receipt = { company, date, address, subtotal: "17.00", tax: "1.02", total: "18.00" };
    expect(checkArithmetic(receipt, text).decision).toBe("pass");
    expect(checkArithmetic(receipt, lines("SHOP", "TOTAL  18.00")).decision).toBe("fail");
  });

  it("reads RM, $ and thousands commas", () => {
    const receipt: Receipt = {
      ...SMALL_FIELDS,
      items: [
        { name: "A", amount: "RM 1,000.00" },
        { name: "B", amount: "$234.50" },
      ],
      subtotal: "RM1,234.50",
      tax: "RM 74.07",
      total: "RM 1,308.57",
    };
    expect(checkArithmetic(receipt, "").decision).toBe("pass");
  });

  it("abstains when there is nothing to check the total against", () => {
    const { company, date, address, total } = SMALL_FIELDS;
    const result = checkArithmetic({ company, date, address, total }, SMALL);
    expect(result.decision).toBe("abstain");
    expect(result.findings ?? []).toEqual([]);
  });

  it("flags an amount it cannot read", () => {
    const result = checkArithmetic({ ...SMALL_FIELDS, total: "fifteen" }, SMALL);
    expect(result.decision).toBe("fail");
    expect(ruleIds(result)).toEqual(["receipt.amount-unparseable"]);
  });
});

describe("source-match", () => {
  it("passes fields that are all printed where they belong", () => {
    const result = checkSource(SMALL_FIELDS, SMALL);
    expect(result.decision).toBe("pass");
    expect(result.findings ?? []).toEqual([]);
    expect(checkSource(GROCERY_FIELDS, GROCERY).decision).toBe("pass");
  });

  it("flags a total taken from the CASH line", () => {
    const result = checkSource({ ...SMALL_FIELDS, total: "20.00" }, SMALL);
    expect(result.decision).toBe("fail");
    expect(result.findings).toEqual([
      expect.objectContaining({
        ruleId: "receipt.total-not-total-line",
        severity: "critical",
        location: { field: "total", line: 9 },
      }),
    ]);
  });

  it("flags a total taken from the CHANGE line, with currency and commas", () => {
    const result = checkSource({ ...BOOKSHOP_FIELDS, total: "90.20" }, BOOKSHOP);
    expect(ruleIds(result)).toEqual(["receipt.total-not-total-line"]);
    expect(result.findings?.[0]?.message).toContain("CHANGE line");
  });

  it("flags a total printed nowhere on the receipt", () => {
    const result = checkSource({ ...SMALL_FIELDS, total: "15.99" }, SMALL);
    expect(result.findings).toEqual([
      expect.objectContaining({ ruleId: "receipt.field-not-in-source", location: { field: "total" } }),
    ]);
  });

  it("flags a printed date that is not a calendar date", () => {
    const text = SMALL.replace("01/02/2020", "29/02/2019");
    const result = checkSource({ ...SMALL_FIELDS, date: "29/02/2019" }, text);
    expect(ruleIds(result)).toEqual(["receipt.invalid-date"]);
    expect(
      checkSource({ ...SMALL_FIELDS, date: "29/02/2020" }, SMALL.replace("01/02/2020", "29/02/2020"))
        .decision,
    ).toBe("pass");
  });

  it("flags a date that is not on the receipt", () => {
    const result = checkSource({ ...SMALL_FIELDS, date: "02/01/2020" }, SMALL);
    expect(result.findings).toEqual([
      expect.objectContaining({ ruleId: "receipt.field-not-in-source", location: { field: "date" } }),
    ]);
  });

  it("flags a company that is not in the receipt's header", () => {
    const result = checkSource({ ...SMALL_FIELDS, company: "TEGUH HARDWARE TRADING" }, SMALL);
    expect(result.findings).toEqual([
      expect.objectContaining({ ruleId: "receipt.field-not-in-source", location: { field: "company" } }),
    ]);
  });

  it("flags an item whose amount is not on its line", () => {
    const items = [{ name: "RICE 5KG", amount: "5.00" }];
    const result = checkSource({ ...SMALL_FIELDS, items }, SMALL);
    expect(result.findings).toEqual([
      expect.objectContaining({ ruleId: "receipt.field-not-in-source", location: { field: "items.0" } }),
    ]);
  });
});

describe("vendor-registry", () => {
  const evidence = lookupVendors("KEDAI RUNCIT SRI MURNI SDN BHD");

  it("retrieves registry entries as evidence with a sha256 of their text", () => {
    expect(evidence).toHaveLength(1);
    const [entry] = evidence as [Evidence];
    expect(entry).toMatchObject({ id: "sri-murni", source: "vendors.json#sri-murni", score: 1 });
    expect(entry.contentHash).toBe(createHash("sha256").update(entry.text).digest("hex"));
    expect(lookupVendors("Kedai Runcit Sri Murni")).toHaveLength(1);
    expect(lookupVendors("GERAI BUAH SEGAR PAK ALI")).toEqual([]);
  });

  it("passes a registered vendor and cites the registry entry", () => {
    const result = checkVendor(SMALL_FIELDS, SMALL, evidence);
    expect(result.decision).toBe("pass");
    expect(result.findings?.[0]).toMatchObject({
      ruleId: "receipt.known-vendor",
      evidenceIds: ["sri-murni"],
    });
  });

  it("fails an unknown vendor with a medium finding", () => {
    const result = checkVendor({ ...SMALL_FIELDS, company: "GERAI BUAH SEGAR PAK ALI" }, SMALL, []);
    expect(result.decision).toBe("fail");
    expect(result.findings).toEqual([
      expect.objectContaining({ ruleId: "receipt.unknown-vendor", severity: "medium" }),
    ]);
  });

  it("does not trust evidence whose text does not match its hash", () => {
    const forged = evidence.map((e) => ({ ...e, text: e.text.replace("1012345-K", "9999999-Z") }));
    expect(ruleIds(checkVendor(SMALL_FIELDS, SMALL, forged))).toEqual(["receipt.unknown-vendor"]);
  });

  it("flags a printed registration number that is not the registry's", () => {
    const result = checkVendor(SMALL_FIELDS, `${SMALL}\n(5550001-X)`, evidence);
    expect(result.decision).toBe("fail");
    expect(result.findings?.[0]).toMatchObject({
      ruleId: "receipt.vendor-registration-mismatch",
      evidenceIds: ["sri-murni"],
    });
  });

  it("yields when an unknown vendor is its only objection and the others pass with confidence", () => {
    const own = verdict("vendor-registry", "fail", 0.7, "receipt.unknown-vendor");
    const revised = reconsiderVendor(own, [
      verdict("arithmetic", "pass", 0.95),
      verdict("source-match", "pass", 0.9),
    ]);
    expect(revised.decision).toBe("abstain");
    expect(revised.findings).toEqual([
      expect.objectContaining({ ruleId: "receipt.unknown-vendor", severity: "info" }),
    ]);
  });

  it("holds its verdict when another auditor fails or is unsure", () => {
    const own = verdict("vendor-registry", "fail", 0.7, "receipt.unknown-vendor");
    const failing = [
      verdict("arithmetic", "pass", 0.95),
      verdict("source-match", "fail", 0.9, "receipt.invalid-date"),
    ];
    const unsure = [verdict("arithmetic", "pass", 0.95), verdict("source-match", "pass", 0.5)];
    expect(reconsiderVendor(own, failing)).toMatchObject({ decision: "fail", confidence: 0.7 });
    expect(reconsiderVendor(own, unsure)).toMatchObject({ decision: "fail", confidence: 0.7 });
  });

  it("abstains, without throwing, on an output that is not a receipt", async () => {
    const input = {
      caseId: "c",
      task: { input: { text: SMALL } },
      output: { content: { total: 3 } },
      trace: [],
      evidence: [],
    } as unknown as AuditInput<ReceiptInput, Receipt>;
    const result = await vendorRegistry.audit(input, { signal: new AbortController().signal });
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
});

describe("receipts suite", () => {
  it("covers honest receipts, every rule the auditors raise, and human decisions both ways", () => {
    const expected = (c: (typeof suite.cases)[number]) =>
      c.expect.findings.map((f) => (typeof f === "string" ? f : f.ruleId));
    const pinned = suite.cases.flatMap((c) => c.expect.findings).filter((f) => typeof f !== "string");
    expect(suite.cases.length).toBeGreaterThanOrEqual(16);
    for (const rule of [
      "receipt.total-mismatch",
      "receipt.items-sum",
      "receipt.field-not-in-source",
      "receipt.total-not-total-line",
      "receipt.invalid-date",
      "receipt.unknown-vendor",
      "receipt.vendor-registration-mismatch",
    ]) {
      expect(suite.cases.some((c) => expected(c).includes(rule))).toBe(true);
    }
    const notInSource = new Set(
      pinned.filter((f) => f.ruleId === "receipt.field-not-in-source").map((f) => f.field),
    );
    expect([...notInSource].sort()).toEqual(["address", "company", "date", "tax", "total"]);
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
