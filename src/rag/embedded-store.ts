import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import * as sqliteVec from "sqlite-vec";
import { type CrosscheckDatabase, openDatabase, type SqliteDatabase } from "../audit/database.js";
import { CrosscheckError } from "../errors.js";
import {
  type ChunkRow,
  ftsMatch,
  lexicalSql,
  reciprocalRankFusion,
  vectorSql,
  whereClause,
} from "./embedded-query.js";
import { createRagTables, ftsTable } from "./embedded-tables.js";
import { collectionLabels, removeSource, writeSources } from "./embedded-write.js";
import type {
  ChunkHit,
  CollectionInfo,
  GroundTruthStore,
  IngestOutcome,
  SearchRequest,
  SearchResult,
  SourceInput,
} from "./store.js";
import {
  checkCollectionName,
  checkSearchRequest,
  collectionNotFound,
  duplicateSources,
  resolveMode,
} from "./store-checks.js";

/** Texts embedded per call to the embeddings model. */
export const DEFAULT_EMBED_BATCH = 64;
/** Candidates each ranking contributes to hybrid fusion, at least. */
export const HYBRID_CANDIDATES = 50;

export interface EmbeddedStoreOptions {
  /** SQLite file (the audit log's by default, or one beside it); ":memory:" for a throwaway store. */
  path: string;
  /** Any LangChain Embeddings: enables vector and hybrid search. Without it, search is lexical (BM25). */
  embeddings?: EmbeddingsInterface;
  /** Texts a call to `embeddings.embedDocuments`. Default 64. */
  embedBatchSize?: number;
}

/**
 * The embedded ground-truth store: SQLite (through src/audit/database.ts), FTS5 BM25 for lexical
 * search, exact cosine scoring with sqlite-vec when an embeddings model is configured, and
 * reciprocal rank fusion of both. Every write is one transaction.
 */
export class EmbeddedStore implements GroundTruthStore {
  readonly kind = "embedded";
  readonly location: string;
  readonly hasEmbeddings: boolean;
  readonly #database: CrosscheckDatabase;
  readonly #sqlite: SqliteDatabase;
  readonly #embeddings: EmbeddingsInterface | undefined;
  readonly #batch: number;

  constructor(options: EmbeddedStoreOptions) {
    this.#database = openDatabase(options.path);
    this.#sqlite = this.#database.sqlite;
    this.location = this.#database.path;
    this.#embeddings = options.embeddings;
    this.hasEmbeddings = options.embeddings !== undefined;
    this.#batch = options.embedBatchSize ?? DEFAULT_EMBED_BATCH;
    try {
      createRagTables(this.#sqlite);
      if (this.hasEmbeddings) sqliteVec.load(this.#sqlite);
    } catch (error) {
      this.#database.close();
      throw new CrosscheckError(
        "DATABASE",
        `cannot prepare the ground-truth tables in ${this.location} (${(error as Error).message}): check the file is writable`,
        { cause: error },
      );
    }
  }

  async ingest(collection: string, sources: readonly SourceInput[]): Promise<IngestOutcome> {
    checkCollectionName(collection);
    duplicateSources(sources);
    const known = new Map(
      (
        this.#sqlite
          .prepare("SELECT source, sha256 FROM rag_sources WHERE collection = ?")
          .all(collection) as { source: string; sha256: string }[]
      ).map((r) => [r.source, r.sha256]),
    );
    const changed = sources.filter((s) => known.get(s.source) !== s.sha256);
    const vectors = await this.#embed(changed);
    const write = this.#sqlite.transaction(() => {
      const outcome = writeSources(this.#sqlite, collection, sources, vectors);
      return { ...outcome, version: this.#version(collection) ?? 0 };
    });
    return { collection, ...write.immediate() };
  }

  async deleteSource(collection: string, source: string): Promise<boolean> {
    checkCollectionName(collection);
    const remove = this.#sqlite.transaction(() => removeSource(this.#sqlite, collection, source));
    return remove.immediate();
  }

  async search(collection: string, request: SearchRequest): Promise<SearchResult> {
    checkSearchRequest(request);
    const mode = resolveMode(request.mode, this.hasEmbeddings, this.location);
    const queryVector =
      mode === "lexical"
        ? undefined
        : await (this.#embeddings as EmbeddingsInterface).embedQuery(request.query);
    // One read transaction: the version and the hits come from the same snapshot.
    const read = this.#sqlite.transaction(() => {
      const version = this.#version(collection);
      if (version === undefined) throw collectionNotFound(collection, this.#names(), this.location);
      const where = whereClause(collection, request.principal?.labels ?? [], request.filter);
      const candidates = mode === "hybrid" ? Math.max(request.k * 5, HYBRID_CANDIDATES) : request.k;
      const lexical = mode === "vector" ? [] : this.#lexical(collection, where, request, candidates);
      const vector =
        queryVector === undefined
          ? []
          : (this.#sqlite.prepare(vectorSql(where.sql)).all({
              ...where.params,
              vector: Buffer.from(new Float32Array(queryVector).buffer),
              limit: candidates,
            }) as ChunkRow[]);
      const rows =
        mode === "hybrid"
          ? reciprocalRankFusion([lexical, vector], request.k)
          : mode === "vector"
            ? vector
            : lexical;
      return { version, hits: rows.map(toHit) };
    });
    const { version, hits } = read();
    return { hits, version, mode };
  }

  async collection(name: string): Promise<CollectionInfo | undefined> {
    return this.#info(name);
  }

  async listCollections(): Promise<CollectionInfo[]> {
    return this.#names().flatMap((name) => this.#info(name) ?? []);
  }

  async close(): Promise<void> {
    this.#database.close();
  }

  #lexical(
    collection: string,
    where: { sql: string; params: Record<string, string> },
    request: SearchRequest,
    limit: number,
  ): ChunkRow[] {
    const held = new Set(request.principal?.labels ?? []);
    const lacking = collectionLabels(this.#sqlite, collection).filter((label) => !held.has(label));
    const match = ftsMatch(request.query, lacking, request.filter);
    if (match === null) return [];
    return this.#sqlite
      .prepare(lexicalSql(ftsTable(collection), where.sql))
      .all({ ...where.params, match, limit }) as ChunkRow[];
  }

  /** The chunks' vectors by source (empty without an embeddings model), computed before the write. */
  async #embed(sources: readonly SourceInput[]): Promise<Map<string, number[][]>> {
    const bySource = new Map<string, number[][]>();
    if (this.#embeddings === undefined) return bySource;
    const texts = sources.flatMap((s) => s.chunks.map((c) => c.text));
    const vectors: number[][] = [];
    for (let i = 0; i < texts.length; i += this.#batch) {
      vectors.push(...(await this.#embeddings.embedDocuments(texts.slice(i, i + this.#batch))));
    }
    let offset = 0;
    for (const source of sources) {
      bySource.set(source.source, vectors.slice(offset, offset + source.chunks.length));
      offset += source.chunks.length;
    }
    return bySource;
  }

  /** The collection's version, or undefined when it does not exist. */
  #version(collection: string): number | undefined {
    const row = this.#sqlite.prepare("SELECT version FROM rag_collections WHERE name = ?").get(collection) as
      | { version: number }
      | undefined;
    return row?.version;
  }

  #names(): string[] {
    return (
      this.#sqlite.prepare("SELECT name FROM rag_collections ORDER BY name").all() as { name: string }[]
    ).map((r) => r.name);
  }

  #info(name: string): CollectionInfo | undefined {
    const row = this.#sqlite
      .prepare(
        `SELECT name, version,
          (SELECT count(*) FROM rag_sources s WHERE s.collection = c.name) AS sources,
          (SELECT count(*) FROM rag_chunks k WHERE k.collection = c.name) AS chunks
         FROM rag_collections c WHERE name = ?`,
      )
      .get(name) as CollectionInfo | undefined;
    return row === undefined ? undefined : { ...row };
  }
}

function toHit(row: ChunkRow): ChunkHit {
  return {
    id: `${row.source}#${row.position}`,
    source: row.source,
    position: row.position,
    locator: row.locator,
    text: row.text,
    contentHash: row.sha256,
    labels: JSON.parse(row.labels) as string[],
    score: row.score,
  };
}
