// The bundled vendor registry (vendors.json), and the retriever that serves it as evidence
// through the ground-truth layer (an in-memory embedded collection built from vendors.json).
import { createHash } from "node:crypto";
import { z } from "zod";
import {
  EmbeddedStore,
  type Evidence,
  type GroundTruthStore,
  groundTruth,
  type Retriever,
} from "../../src/index.js";
import type { Receipt, ReceiptInput } from "./receipt.js";
import vendorsJson from "./vendors.json" with { type: "json" };

export const VendorSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  registration: z.string().min(1),
  address: z.string().min(1),
});
export type Vendor = z.infer<typeof VendorSchema>;

/** The registry, checked when first asked for (never at import time). */
let vendors: readonly Vendor[] | undefined;
export function registry(): readonly Vendor[] {
  vendors ??= z.array(VendorSchema).parse(vendorsJson);
  return vendors;
}

/** A company name reduced to what identifies it: letters and digits, no legal-form suffix. */
export function vendorKey(name: string): string {
  return name
    .toUpperCase()
    .replace(/\(M\)|\bSDN\.?\s*BHD\.?|\bBHD\.?|\bPTE\.?\s*LTD\.?|\bLTD\.?|\bENTERPRISE\b/g, " ")
    .replace(/[^A-Z0-9]+/g, " ")
    .trim();
}

/** The text of a registry entry as evidence: the name on the first line. */
export function vendorText(vendor: Vendor): string {
  return `${vendor.name}\nRegistration: ${vendor.registration}\nAddress: ${vendor.address}`;
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** Registry entries as evidence for a company name: an exact match of the name's key. */
export function lookupVendors(company: string, entries: readonly Vendor[] = registry()): Evidence[] {
  const key = vendorKey(company);
  if (key.length === 0) return [];
  return entries
    .filter((vendor) => vendorKey(vendor.name) === key)
    .map((vendor) => {
      const text = vendorText(vendor);
      return {
        id: vendor.id,
        source: `vendors.json#${vendor.id}`,
        text,
        contentHash: sha256Hex(text),
        score: 1,
      };
    });
}

/** The registry as an embedded ground-truth collection (in memory), built on first retrieval. */
let store: Promise<GroundTruthStore> | undefined;
export function vendorStore(): Promise<GroundTruthStore> {
  store ??= (async () => {
    const embedded = new EmbeddedStore({ path: ":memory:" });
    await embedded.ingest(
      "vendors",
      registry().map((vendor) => {
        const text = vendorText(vendor);
        return {
          source: `vendors.json#${vendor.id}`,
          sha256: sha256Hex(text),
          chunks: [{ text, position: 0, labels: [] }],
        };
      }),
    );
    return embedded;
  })();
  return store;
}

/** Retrieves registry entries through the ground-truth layer: BM25 on the receipt's company name. */
export const vendorRetriever: Retriever<ReceiptInput, Receipt> = groundTruth<ReceiptInput, Receipt>({
  collection: "vendors",
  k: 3,
  query: (_task, output) => {
    const company = (output.content as Partial<Receipt> | null)?.company;
    return typeof company === "string" ? company : "";
  },
  store: vendorStore,
});
