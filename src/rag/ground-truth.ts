import type { Evidence } from "../domain/evidence.js";
import type { Output } from "../domain/output.js";
import type { Task } from "../domain/task.js";
import { CrosscheckError } from "../errors.js";
import type { Retrieval, Retriever } from "../graph/options.js";
import { openStore } from "./open-store.js";
import type { ChunkHit, GroundTruthStore, Principal, SearchFilter, SearchMode } from "./store.js";
import { checkCollectionName, MAX_K } from "./store-checks.js";

/** Evidence passages a retrieval returns by default. */
export const DEFAULT_K = 5;

export interface GroundTruthOptions<I = unknown, C = unknown> {
  /** The collection to search (created by `crosscheck ingest --collection NAME`). */
  collection: string;
  /** Passages to retrieve. Default 5. */
  k?: number;
  /** The search text for a case. */
  query: (task: Task<I>, output: Output<C>) => string;
  /** Narrows the search (sources, required labels). */
  filter?: SearchFilter;
  /**
   * Who the retrieval runs for: only chunks whose labels this principal holds are returned,
   * enforced inside the store query. A function picks it per task (the task's requester).
   * Default: the anonymous reader, who sees unlabelled chunks only.
   */
  principal?: Principal | ((task: Task<I>) => Principal | undefined);
  /** "auto" (default): hybrid with an embeddings model, lexical without. */
  mode?: SearchMode;
  /** The store, or a function opening it on first use. Default: `openStore()` (env CROSSCHECK_STORE, WEAVIATE_URL, CROSSCHECK_DB). */
  store?: GroundTruthStore | (() => Promise<GroundTruthStore> | GroundTruthStore);
}

/**
 * A workflow retriever over a ground-truth collection. The audit log records, beside the
 * evidence ids and hashes, the store, collection, collection version, query, k, filter and
 * principal, so `crosscheck audit recheck` can run the same retrieval later.
 */
export function groundTruth<I = unknown, C = unknown>(options: GroundTruthOptions<I, C>): Retriever<I, C> {
  checkCollectionName(options.collection);
  if (typeof options.query !== "function") {
    throw new CrosscheckError(
      "WORKFLOW_INVALID",
      "groundTruth: query must be a function (task, output) => string",
    );
  }
  const k = options.k ?? DEFAULT_K;
  if (!Number.isInteger(k) || k < 1 || k > MAX_K) {
    throw new CrosscheckError(
      "WORKFLOW_INVALID",
      `groundTruth: k must be an integer from 1 to ${MAX_K}, got ${k}`,
    );
  }
  let opened: Promise<GroundTruthStore> | undefined;
  const store = (): Promise<GroundTruthStore> => {
    const given = options.store;
    opened ??= Promise.resolve(typeof given === "function" ? given() : (given ?? openStore()));
    return opened;
  };
  const params: Record<string, unknown> = { collection: options.collection, k, mode: options.mode ?? "auto" };
  if (options.filter !== undefined) params["filter"] = options.filter;
  return {
    name: "ground-truth",
    params,
    async retrieve(task, output): Promise<Retrieval> {
      const target = await store();
      const query = options.query(task, output);
      if (typeof query !== "string") {
        throw new CrosscheckError(
          "WORKFLOW_INVALID",
          `groundTruth: query(task, output) returned ${typeof query}, not a string`,
        );
      }
      const principal = typeof options.principal === "function" ? options.principal(task) : options.principal;
      const result = await target.search(options.collection, {
        query,
        k,
        ...(principal === undefined ? {} : { principal }),
        ...(options.filter === undefined ? {} : { filter: options.filter }),
        ...(options.mode === undefined ? {} : { mode: options.mode }),
      });
      return {
        evidence: result.hits.map(toEvidence),
        params: {
          store: target.kind,
          storeLocation: target.location,
          collectionVersion: result.version,
          query,
          searchMode: result.mode,
          principal: principal === undefined ? null : { id: principal.id, labels: [...principal.labels] },
        },
      };
    },
  };
}

/** A stored chunk as evidence for a verdict. */
export function toEvidence(hit: ChunkHit): Evidence {
  return { id: hit.id, source: hit.source, text: hit.text, contentHash: hit.contentHash, score: hit.score };
}
