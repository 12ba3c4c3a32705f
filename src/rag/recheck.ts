import fs from "node:fs";
import { z } from "zod";
import { CrosscheckError } from "../errors.js";
import { EmbeddedStore } from "./embedded-store.js";
import { openStore } from "./open-store.js";
import { type GroundTruthStore, LabelSchema, SEARCH_MODES, type SearchFilter } from "./store.js";

/** The retrieval parameters groundTruth() logs in `evidence.retrieved` (what a recheck needs). */
const LoggedRetrievalSchema = z.object({
  retriever: z.literal("ground-truth"),
  store: z.string(),
  storeLocation: z.string(),
  collection: z.string(),
  collectionVersion: z.number(),
  query: z.string(),
  k: z.number().int().positive(),
  searchMode: z.enum(SEARCH_MODES),
  filter: z
    .object({ sources: z.array(z.string()).optional(), labels: z.array(LabelSchema).optional() })
    .optional(),
  principal: z.object({ id: z.string(), labels: z.array(LabelSchema) }).nullable(),
});
export type LoggedRetrieval = z.infer<typeof LoggedRetrievalSchema>;

export interface LoggedEvidence {
  id: string;
  contentHash: string;
}

export interface RecheckReport {
  collection: string;
  query: string;
  loggedVersion: number;
  currentVersion: number;
  /** True when the same ids with the same hashes come back, whatever the version. */
  evidenceUnchanged: boolean;
  added: string[];
  removed: string[];
  /** Same id, different content hash. */
  changed: string[];
}

/** Reads the logged parameters, or says why this case cannot be rechecked. */
export function loggedRetrieval(caseId: string, params: Record<string, unknown> | null): LoggedRetrieval {
  if (params === null) {
    throw new CrosscheckError("USAGE", `case ${caseId} retrieved no evidence: there is nothing to recheck`);
  }
  if (params["retriever"] !== "ground-truth") {
    throw new CrosscheckError(
      "USAGE",
      `case ${caseId} used the retriever "${String(params["retriever"])}": only groundTruth() retrievals can be rechecked`,
    );
  }
  if (typeof params["error"] === "string") {
    throw new CrosscheckError(
      "USAGE",
      `case ${caseId}'s retrieval failed (${params["error"]}): there is nothing to recheck`,
    );
  }
  const parsed = LoggedRetrievalSchema.safeParse(params);
  if (!parsed.success) {
    throw new CrosscheckError(
      "USAGE",
      `case ${caseId}'s logged retrieval parameters are incomplete: it cannot be rechecked`,
      {
        cause: parsed.error,
      },
    );
  }
  return parsed.data;
}

/** Opens the store the retrieval used (or the one `spec` names instead). */
export async function storeForRecheck(logged: LoggedRetrieval, spec?: string): Promise<GroundTruthStore> {
  if (spec !== undefined) return openStore({ spec });
  if (logged.store === "embedded") {
    if (!fs.existsSync(logged.storeLocation)) {
      throw new CrosscheckError(
        "USAGE",
        `the ground-truth store ${logged.storeLocation} the case used is gone: pass the store it moved to with --store embedded:<file>`,
      );
    }
    return new EmbeddedStore({ path: logged.storeLocation });
  }
  return openStore({ spec: logged.store });
}

/** Runs the logged retrieval again and compares ids, hashes and the collection version. */
export async function recheckRetrieval(
  store: GroundTruthStore,
  logged: LoggedRetrieval,
  evidence: readonly LoggedEvidence[],
): Promise<RecheckReport> {
  const result = await store.search(logged.collection, {
    query: logged.query,
    k: logged.k,
    mode: logged.searchMode,
    ...(logged.principal === null ? {} : { principal: logged.principal }),
    ...(logged.filter === undefined ? {} : { filter: logged.filter as SearchFilter }),
  });
  const before = new Map(evidence.map((e) => [e.id, e.contentHash]));
  const after = new Map(result.hits.map((h) => [h.id, h.contentHash]));
  const added = [...after.keys()].filter((id) => !before.has(id));
  const removed = [...before.keys()].filter((id) => !after.has(id));
  const changed = [...after.entries()]
    .filter(([id, hash]) => before.has(id) && before.get(id) !== hash)
    .map(([id]) => id);
  return {
    collection: logged.collection,
    query: logged.query,
    loggedVersion: logged.collectionVersion,
    currentVersion: result.version,
    evidenceUnchanged: added.length + removed.length + changed.length === 0,
    added,
    removed,
    changed,
  };
}
