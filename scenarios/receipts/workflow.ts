// Receipt verification, offline and deterministic: a scripted extractor, receiptAudit() and an
// independent second reading.
import {
  anyCriticalBlocks,
  defineWorkflow,
  firstOf,
  minConfidence,
  receiptAudit,
  unanimous,
} from "../../src/index.js";
import { reExtract } from "./auditors/re-extract.js";
import { extractor } from "./extractor.js";
import { type Receipt, type ReceiptInput, ReceiptInputSchema, ReceiptSchema } from "./receipt.js";
import { vendorRetriever } from "./registry.js";

/** The bundled receipts are from 2017-2025: a receipt older than this is implausible. */
export const MAX_AGE_YEARS = 20;

export default defineWorkflow<ReceiptInput, Receipt>({
  name: "receipts",
  version: "2",
  input: ReceiptInputSchema,
  output: ReceiptSchema,
  worker: extractor,
  retrieve: vendorRetriever,
  auditors: [
    receiptAudit({ registry: { sourcePrefix: "vendors.json#" }, maxAgeYears: MAX_AGE_YEARS }),
    reExtract,
  ],
  // A critical finding rejects; an unsure vote escalates; otherwise both readings must agree.
  consensus: firstOf(anyCriticalBlocks(), minConfidence(0.6), unanimous()),
  escalation: { onEscalate: "wait", queue: "receipts" },
});
