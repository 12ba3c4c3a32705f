// The bundled vendor registry (vendors.json) and the retriever that serves it as evidence.
import { createHash } from "node:crypto";
import { z } from "zod";
import type { Evidence, Retriever } from "../../src/index.js";
import type { Receipt, ReceiptInput } from "./receipt.js";
import vendorsJson from "./vendors.json" with { type: "json" };

export const VendorSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  registration: z.string().min(1),
  address: z.string().min(1),
});
export type Vendor = z.infer<typeof VendorSchema>;

/** Bumped whenever vendors.json changes: recorded with every retrieval. */
export const REGISTRY_VERSION = "2024-06-01";

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

export const vendorRetriever: Retriever<ReceiptInput, Receipt> = {
  name: "vendor-registry",
  params: { collection: "vendors", version: REGISTRY_VERSION, match: "exact-name-key" },
  retrieve(_task, output) {
    const company = (output.content as Partial<Receipt> | null)?.company;
    return typeof company === "string" ? lookupVendors(company) : [];
  },
};
