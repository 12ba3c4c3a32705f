import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { CrosscheckError } from "../errors.js";
import { EmbeddedStore } from "./embedded-store.js";
import type { GroundTruthStore } from "./store.js";

/** The audit log's default file, where the embedded store lives unless told otherwise. */
export const DEFAULT_STORE_DB = ".crosscheck/crosscheck.db";

export interface OpenStoreOptions {
  /**
   * "embedded" (the audit database file), "embedded:<path>" (a file of its own), or "weaviate"
   * (WEAVIATE_URL, WEAVIATE_API_KEY). Default: env CROSSCHECK_STORE, else "weaviate" when
   * WEAVIATE_URL is set, else "embedded".
   */
  spec?: string;
  /** The audit database file "embedded" means. Default: env CROSSCHECK_DB or .crosscheck/crosscheck.db. */
  db?: string;
  embeddings?: EmbeddingsInterface;
  env?: NodeJS.ProcessEnv;
}

/** Opens the ground-truth store a spec names. */
export async function openStore(options: OpenStoreOptions = {}): Promise<GroundTruthStore> {
  const env = options.env ?? process.env;
  const spec = options.spec ?? env["CROSSCHECK_STORE"] ?? (env["WEAVIATE_URL"] ? "weaviate" : "embedded");
  const embeddings = options.embeddings === undefined ? {} : { embeddings: options.embeddings };
  const db = options.db ?? env["CROSSCHECK_DB"] ?? DEFAULT_STORE_DB;
  if (spec === "embedded") return new EmbeddedStore({ path: db, ...embeddings });
  if (spec.startsWith("embedded:") && spec.length > "embedded:".length) {
    return new EmbeddedStore({ path: spec.slice("embedded:".length), ...embeddings });
  }
  if (spec === "weaviate") {
    // Loaded only when asked for: weaviate-client is heavy and most installations never use it.
    const { connectWeaviateStore } = await import("./weaviate-store.js");
    // Ingest keeps a remote store's quarantine in the audit database: deletes and rewrites clear it there.
    return connectWeaviateStore({ env, ...embeddings, quarantineDb: db });
  }
  throw new CrosscheckError(
    "USAGE",
    `--store "${spec}" is not a store: use embedded, embedded:<file.db> or weaviate (with WEAVIATE_URL set)`,
  );
}
