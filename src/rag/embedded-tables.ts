import type { SqliteDatabase } from "../audit/database.js";

/**
 * The embedded ground-truth store's own tables, created with raw SQL (FTS5 virtual tables are
 * not drizzle-kit material). All are prefixed `rag_`; the audit log's tables are never touched.
 *
 * - rag_collections: one row a collection, with its version (bumped on every changing ingest).
 * - rag_sources: one row a source of a collection, with the sha256 that decides "unchanged".
 * - rag_chunks: the chunks; labels as a JSON array; embedding as float32 bytes (or NULL).
 * - rag_chunks_fts: FTS5 index over rag_chunks.text (external content, kept in sync by triggers).
 */
const DDL = `
CREATE TABLE IF NOT EXISTS rag_collections (
  name TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  dims INTEGER,
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
CREATE VIRTUAL TABLE IF NOT EXISTS rag_chunks_fts USING fts5(
  text, content='rag_chunks', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER IF NOT EXISTS rag_chunks_ai AFTER INSERT ON rag_chunks BEGIN
  INSERT INTO rag_chunks_fts(rowid, text) VALUES (new.rowid, new.text);
END;
CREATE TRIGGER IF NOT EXISTS rag_chunks_ad AFTER DELETE ON rag_chunks BEGIN
  INSERT INTO rag_chunks_fts(rag_chunks_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
END;
`;

/** Creates the store's tables if they are missing (idempotent; safe from several processes). */
export function createRagTables(sqlite: SqliteDatabase): void {
  sqlite.exec(DDL);
}
