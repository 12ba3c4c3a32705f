import { type CrosscheckDatabase, openDatabase, type SqliteDatabase } from "../audit/database.js";
import { CrosscheckError } from "../errors.js";
import type { GuardSignal } from "../guard/scan.js";
import { createRagTables } from "./embedded-tables.js";

/** A chunk the injection guard flagged at ingest: kept, with why, but never indexed. */
export interface QuarantinedChunk {
  readonly collection: string;
  readonly source: string;
  /** The chunk's position in its source (the stored chunks keep theirs, so positions may skip). */
  readonly position: number;
  readonly locator: string | null;
  readonly text: string;
  /** sha256 of `text`. */
  readonly sha256: string;
  readonly labels: readonly string[];
  readonly score: number;
  readonly verdict: "suspicious" | "injection";
  readonly signals: readonly GuardSignal[];
}

/** Where an ingest puts what it quarantined. */
export interface QuarantineSink {
  /**
   * Replaces the quarantined chunks of `sources` (the sources the ingest wrote anew) with
   * `chunks`. Sources the ingest left unchanged keep their entries.
   */
  replace(collection: string, sources: readonly string[], chunks: readonly QuarantinedChunk[]): void;
}

interface Row {
  collection: string;
  source: string;
  position: number;
  locator: string | null;
  text: string;
  sha256: string;
  labels: string;
  score: number;
  verdict: "suspicious" | "injection";
  signals: string;
}

/**
 * Deletes the quarantine entries of `sources` in `collection` (only theirs): the one place a
 * source's entries go, called wherever a source is replaced or removed. Runs inside the
 * caller's transaction, if any.
 */
export function clearQuarantine(
  sqlite: SqliteDatabase,
  collection: string,
  sources: readonly string[],
): void {
  const drop = sqlite.prepare("DELETE FROM rag_quarantine WHERE collection = ? AND source = ?");
  for (const source of sources) drop.run(collection, source);
}

/**
 * `clearQuarantine` on the quarantine of another SQLite file (a remote store's, kept in the
 * audit database): opens it, clears, closes.
 */
export function clearQuarantineFile(path: string, collection: string, sources: readonly string[]): void {
  if (sources.length === 0) return;
  const quarantine = new SqliteQuarantine(path);
  try {
    quarantine.replace(collection, sources, []);
  } finally {
    quarantine.close();
  }
}

/**
 * The quarantine table (`rag_quarantine`) in a SQLite file: the embedded store's file, or the
 * audit database when the store is remote. Nothing here is searchable.
 */
export class SqliteQuarantine implements QuarantineSink {
  readonly location: string;
  readonly #database: CrosscheckDatabase;

  constructor(path: string) {
    this.#database = openDatabase(path);
    this.location = this.#database.path;
    try {
      createRagTables(this.#database.sqlite);
    } catch (error) {
      this.#database.close();
      throw new CrosscheckError(
        "DATABASE",
        `cannot prepare the quarantine table in ${this.location} (${(error as Error).message}): check the file is writable`,
        { cause: error },
      );
    }
  }

  replace(collection: string, sources: readonly string[], chunks: readonly QuarantinedChunk[]): void {
    const sqlite = this.#database.sqlite;
    const insert = sqlite.prepare(
      `INSERT OR REPLACE INTO rag_quarantine (collection, source, position, locator, text, sha256, labels, score, verdict, signals, quarantined_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const wanted = new Set(sources);
    const now = Date.now();
    sqlite
      .transaction(() => {
        clearQuarantine(sqlite, collection, [...wanted]);
        for (const c of chunks) {
          if (c.collection !== collection || !wanted.has(c.source)) continue;
          insert.run(
            c.collection,
            c.source,
            c.position,
            c.locator,
            c.text,
            c.sha256,
            JSON.stringify(c.labels),
            c.score,
            c.verdict,
            JSON.stringify(c.signals),
            now,
          );
        }
      })
      .immediate();
  }

  /** Quarantined chunks, of one collection or all, by collection, source and position. */
  list(collection?: string): QuarantinedChunk[] {
    const rows = (
      collection === undefined
        ? this.#database.sqlite
            .prepare("SELECT * FROM rag_quarantine ORDER BY collection, source, position")
            .all()
        : this.#database.sqlite
            .prepare("SELECT * FROM rag_quarantine WHERE collection = ? ORDER BY source, position")
            .all(collection)
    ) as Row[];
    return rows.map((r) => ({
      collection: r.collection,
      source: r.source,
      position: r.position,
      locator: r.locator,
      text: r.text,
      sha256: r.sha256,
      labels: JSON.parse(r.labels) as string[],
      score: r.score,
      verdict: r.verdict,
      signals: JSON.parse(r.signals) as GuardSignal[],
    }));
  }

  close(): void {
    this.#database.close();
  }
}
