import { createHash } from "node:crypto";
import type { Evidence } from "../../src/index.js";

export const HONEST = "CORNER SHOP\nBREAD 2.50\nMILK 1.20\nTOTAL 3.70\nCASH 5.00\nCHANGE 1.30";
export const CASH_TAKEN = "BOOKSHOP\nNOVEL 18.00\nMAP 6.50\nTOTAL 24.50\nCASH 30.00\nCHANGE 5.50";
export const SMUDGED = "CAFE\nCOFFEE 3.20\nCAKE 4.10\nTOTAL 7.30\nCASH 7.30";

/** The receipt itself as ground truth, so the LLM auditor has something to cite. */
export function receiptEvidence(id: string, text: string): Evidence[] {
  return [{ id, source: `${id}.txt`, text, contentHash: createHash("sha256").update(text).digest("hex") }];
}
