// Receipts and helpers shared by the receiptAudit tests.
import type { Evidence } from "../../../src/domain/evidence.js";
import type { VerdictInput } from "../../../src/domain/verdict.js";
import { sha256Hex } from "../../../src/internal/sha256.js";

export const lines = (...l: string[]) => l.join("\n");

/** 2026-11-25, the fixed "today" of these tests. */
export const NOW = Date.UTC(2026, 10, 25);

/** Line numbers of GROCERY: 9 date, 13 bread, 16 subtotal, 17 GST, 18 rounding, 19 TOTAL, 20 CASH, 21 CHANGE, 22 footer. */
export const GROCERY = lines(
  "KEDAI RUNCIT SRI MURNI SDN BHD",
  "(1012345-K)",
  "NO 12, JALAN MERANTI 3,",
  "TAMAN SRI MURNI,",
  "68100 BATU CAVES, SELANGOR",
  "TEL: 03-6189 2210",
  "GST ID: 000812345678",
  "TAX INVOICE",
  "DATE: 14/03/2018   TIME: 19:42",
  "CASHIER: AINA",
  "----------------------------------------",
  "MILO 1KG  1 x 19.90  19.90",
  "GARDENIA BREAD  2 x 3.80  7.60",
  "EGGS GRADE A 30S  1 x 12.50  12.50",
  "----------------------------------------",
  "SUBTOTAL  40.00",
  "GST 6%  2.40",
  "ROUNDING  0.00",
  "TOTAL  42.40",
  "CASH  50.00",
  "CHANGE  7.60",
  "THANK YOU FOR SHOPPING AT KEDAI RUNCIT SRI MURNI",
);

export const GROCERY_FIELDS = {
  company: "KEDAI RUNCIT SRI MURNI SDN BHD",
  date: "14/03/2018",
  address: "NO 12, JALAN MERANTI 3, TAMAN SRI MURNI, 68100 BATU CAVES, SELANGOR",
  subtotal: "40.00",
  tax: "2.40",
  total: "42.40",
};

/** A registry entry as the bundled retriever serves it. */
export function registryEntry(
  id: string,
  name: string,
  registration: string,
  address: string,
  source = `vendors.json#${id}`,
): Evidence {
  const text = `${name}\nRegistration: ${registration}\nAddress: ${address}`;
  return { id, source, text, contentHash: sha256Hex(text), score: 1 };
}

export const SRI_MURNI = registryEntry(
  "sri-murni",
  "KEDAI RUNCIT SRI MURNI SDN BHD",
  "1012345-K",
  "NO 12, JALAN MERANTI 3, TAMAN SRI MURNI, 68100 BATU CAVES, SELANGOR",
);

export const ruleIds = (verdict: VerdictInput) => (verdict.findings ?? []).map((f) => f.ruleId);
export const blocking = (verdict: VerdictInput) =>
  (verdict.findings ?? []).filter((f) => f.severity !== "info").map((f) => f.ruleId);
