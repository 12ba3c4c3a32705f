import type { SqliteDatabase } from "../audit/database.js";
import { CrosscheckError } from "../errors.js";
import { sha256Hex } from "../internal/sha256.js";
import { createCollectionIndex, ftsTable, labelToken, sourceToken } from "./embedded-tables.js";
import { clearQuarantine } from "./quarantine.js";
import type { SourceInput } from "./store.js";

/**
 * The embedded store's writes. Each function runs inside the caller's transaction: the chunks,
 * their FTS rows, the sources, the collection's label set and its version change together.
 */

interface Outcome {
  added: string[];
  replaced: string[];
  unchanged: string[];
  chunksWritten: number;
}

/** Writes the changed sources of one ingest; returns what happened to each. */
export function writeSources(
  sqlite: SqliteDatabase,
  collection: string,
  sources: readonly SourceInput[],
  vectors: ReadonlyMap<string, number[][]>,
): Outcome {
  const now = Date.now();
  sqlite
    .prepare("INSERT OR IGNORE INTO rag_collections (name, version, dims, updated_at) VALUES (?, 0, NULL, ?)")
    .run(collection, now);
  createCollectionIndex(sqlite, collection);
  const dims = [...vectors.values()].find((v) => v[0] !== undefined)?.[0]?.length;
  if (dims !== undefined) checkDims(sqlite, collection, dims);
  const table = ftsTable(collection);
  const current = sqlite.prepare("SELECT sha256 FROM rag_sources WHERE collection = ? AND source = ?");
  const upsertSource = sqlite.prepare(
    `INSERT INTO rag_sources (collection, source, sha256, chunks, ingested_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (collection, source) DO UPDATE SET sha256 = excluded.sha256, chunks = excluded.chunks, ingested_at = excluded.ingested_at`,
  );
  const insertChunk = sqlite.prepare(
    "INSERT INTO rag_chunks (collection, source, position, locator, text, sha256, labels, embedding) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const insertFts = sqlite.prepare(
    `INSERT INTO "${table}" (rowid, text, labels, source) VALUES (?, ?, ?, ?)`,
  );
  const outcome: Outcome = { added: [], replaced: [], unchanged: [], chunksWritten: 0 };
  const labels = new Set(collectionLabels(sqlite, collection));
  for (const source of sources) {
    const before = (current.get(collection, source.source) as { sha256: string } | undefined)?.sha256;
    if (before === source.sha256) {
      outcome.unchanged.push(source.source);
      continue;
    }
    (before === undefined ? outcome.added : outcome.replaced).push(source.source);
    dropChunks(sqlite, collection, source.source);
    upsertSource.run(collection, source.source, source.sha256, source.chunks.length, now);
    const sourceVectors = vectors.get(source.source);
    for (const [index, chunk] of source.chunks.entries()) {
      const vector = sourceVectors?.[index];
      const chunkLabels = [...new Set(chunk.labels)].sort();
      for (const label of chunkLabels) labels.add(label);
      const { lastInsertRowid } = insertChunk.run(
        collection,
        source.source,
        chunk.position,
        chunk.locator ?? null,
        chunk.text,
        sha256Hex(chunk.text),
        JSON.stringify(chunkLabels),
        vector === undefined ? null : Buffer.from(new Float32Array(vector).buffer),
      );
      insertFts.run(
        lastInsertRowid,
        chunk.text,
        chunkLabels.map(labelToken).join(" "),
        sourceToken(source.source),
      );
      outcome.chunksWritten++;
    }
  }
  if (outcome.added.length + outcome.replaced.length > 0) {
    sqlite
      .prepare("UPDATE rag_collections SET version = version + 1, labels = ?, updated_at = ? WHERE name = ?")
      .run(JSON.stringify([...labels].sort()), now, collection);
  }
  return outcome;
}

/**
 * Removes a source, its chunks, their FTS rows and its quarantine entries; false when it was
 * not there (its quarantine entries, if any, are cleared all the same).
 */
export function removeSource(sqlite: SqliteDatabase, collection: string, source: string): boolean {
  const exists = sqlite
    .prepare("SELECT 1 FROM rag_sources WHERE collection = ? AND source = ?")
    .get(collection, source);
  if (exists === undefined) {
    clearQuarantine(sqlite, collection, [source]); // entries left from before the source was removed
    return false;
  }
  dropChunks(sqlite, collection, source);
  sqlite.prepare("DELETE FROM rag_sources WHERE collection = ? AND source = ?").run(collection, source);
  sqlite
    .prepare("UPDATE rag_collections SET version = version + 1, updated_at = ? WHERE name = ?")
    .run(Date.now(), collection);
  return true;
}

/** Every label the collection's chunks have carried (the reader's missing ones are excluded by search). */
export function collectionLabels(sqlite: SqliteDatabase, collection: string): string[] {
  const row = sqlite.prepare("SELECT labels FROM rag_collections WHERE name = ?").get(collection) as
    | { labels: string }
    | undefined;
  return row === undefined ? [] : (JSON.parse(row.labels) as string[]);
}

/** Drops a source's chunks, their FTS rows and its quarantine entries (a rewrite quarantines anew). */
function dropChunks(sqlite: SqliteDatabase, collection: string, source: string): void {
  clearQuarantine(sqlite, collection, [source]);
  sqlite
    .prepare(
      `DELETE FROM "${ftsTable(collection)}" WHERE rowid IN (SELECT rowid FROM rag_chunks WHERE collection = ? AND source = ?)`,
    )
    .run(collection, source);
  sqlite.prepare("DELETE FROM rag_chunks WHERE collection = ? AND source = ?").run(collection, source);
}

function checkDims(sqlite: SqliteDatabase, collection: string, dims: number): void {
  const row = sqlite.prepare("SELECT dims FROM rag_collections WHERE name = ?").get(collection) as {
    dims: number | null;
  };
  if (row.dims === null) {
    sqlite.prepare("UPDATE rag_collections SET dims = ? WHERE name = ?").run(dims, collection);
  } else if (row.dims !== dims) {
    throw new CrosscheckError(
      "USAGE",
      `collection "${collection}" holds ${row.dims}-dimensional embeddings but the embeddings model gives ${dims}: use the model the collection was built with, or ingest into a new collection`,
    );
  }
}
