import type { SqliteDatabase } from "../audit/database.js";

/**
 * The embedded ground-truth store's own tables, created with raw SQL (FTS5 virtual tables are
 * not drizzle-kit material). All are prefixed `rag_`; the audit log's tables are never touched.
 *
 * - rag_collections: one row a collection, with its version (bumped on every changing ingest)
 *   and every access label its chunks carry (the search's NOT clause needs them).
 * - rag_sources: one row a source of a collection, with the sha256 that decides "unchanged".
 * - rag_chunks: the chunks; labels as a JSON array; embedding as float32 bytes (or NULL).
 * - rag_fts_<hex of the collection name>: one contentless FTS5 index a collection (so BM25
 *   statistics are the collection's own, and a search never scans another collection), with the
 *   chunk's text, its labels and its source as tokens: access control and filters are part of
 *   the MATCH expression. Written by the store with the chunks, in the same transaction.
 * - rag_quarantine: chunks the injection guard flagged at ingest (src/rag/quarantine.ts): kept
 *   with the scan's score, verdict and signals, never indexed, so never searchable. Whatever
 *   the store (embedded or Weaviate), the quarantine lives in SQLite.
 */
const DDL = `
CREATE TABLE IF NOT EXISTS rag_collections (
  name TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  dims INTEGER,
  labels TEXT NOT NULL DEFAULT '[]',
  updated_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS rag_sources (
  collection TEXT NOT NULL REFERENCES rag_collections(name) ON DELETE CASCADE,
  source TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  chunks INTEGER NOT NULL,
  ingested_at INTEGER NOT NULL,
  PRIMARY KEY (collection, source)
);
CREATE TABLE IF NOT EXISTS rag_chunks (
  rowid INTEGER PRIMARY KEY,
  collection TEXT NOT NULL,
  source TEXT NOT NULL,
  position INTEGER NOT NULL,
  locator TEXT,
  text TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  labels TEXT NOT NULL,
  embedding BLOB,
  FOREIGN KEY (collection, source) REFERENCES rag_sources(collection, source) ON DELETE CASCADE,
  UNIQUE (collection, source, position)
);
CREATE TABLE IF NOT EXISTS rag_quarantine (
  collection TEXT NOT NULL,
  source TEXT NOT NULL,
  position INTEGER NOT NULL,
  locator TEXT,
  text TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  labels TEXT NOT NULL,
  score REAL NOT NULL,
  verdict TEXT NOT NULL,
  signals TEXT NOT NULL,
  quarantined_at INTEGER NOT NULL,
  PRIMARY KEY (collection, source, position)
);
`;

/** Creates the store's tables if they are missing (idempotent; safe from several processes). */
export function createRagTables(sqlite: SqliteDatabase): void {
  sqlite.exec(DDL);
}

/** The FTS5 table of a collection's chunks. */
export function ftsTable(collection: string): string {
  return `rag_fts_${Buffer.from(collection, "utf8").toString("hex")}`;
}

/** A label as one FTS token (hex, so no tokenizer splits it and no label can spell a query operator). */
export function labelToken(label: string): string {
  return `l${Buffer.from(label, "utf8").toString("hex")}`;
}

/** A source id as one FTS token. */
export function sourceToken(source: string): string {
  return `s${Buffer.from(source, "utf8").toString("hex")}`;
}

/** Creates the collection's FTS5 index if missing; ranks by BM25 over the text column only. */
export function createCollectionIndex(sqlite: SqliteDatabase, collection: string): void {
  const table = ftsTable(collection);
  const exists = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table);
  if (exists !== undefined) return;
  sqlite.exec(
    `CREATE VIRTUAL TABLE "${table}" USING fts5(text, labels, source, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2');
     INSERT INTO "${table}"("${table}", rank) VALUES ('rank', 'bm25(1.0, 0.0, 0.0)');`,
  );
}
