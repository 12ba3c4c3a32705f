// Receipt verification, offline and deterministic: a scripted extractor and three auditors.
import { anyCriticalBlocks, defineWorkflow, firstOf, minConfidence, unanimous } from "../../src/index.js";
import { arithmetic } from "./auditors/arithmetic.js";
import { sourceMatch } from "./auditors/source-match.js";
import { vendorRegistry } from "./auditors/vendor-registry.js";
import { extractor } from "./extractor.js";
import { type Receipt, type ReceiptInput, ReceiptInputSchema, ReceiptSchema } from "./receipt.js";
import { vendorRetriever } from "./registry.js";

export default defineWorkflow<ReceiptInput, Receipt>({
  name: "receipts",
  version: "1",
  input: ReceiptInputSchema,
  output: ReceiptSchema,
  worker: extractor,
  retrieve: vendorRetriever,
  auditors: [arithmetic, sourceMatch, vendorRegistry],
  // A critical finding rejects; an unsure vote escalates; otherwise the auditors must agree.
  consensus: firstOf(anyCriticalBlocks(), minConfidence(0.6), unanimous()),
  crossExamination: { maxRounds: 1 },
  escalation: { onEscalate: "wait", queue: "receipts" },
});
