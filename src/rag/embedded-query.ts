import { labelToken, sourceToken } from "./embedded-tables.js";
import type { SearchFilter } from "./store.js";

/**
 * SQL fragments of the embedded store's searches. Access control lives here, inside the WHERE
 * clause of every query: a chunk is returned only when the reader holds every one of its labels.
 */

/** A row of rag_chunks as the searches select it. */
export interface ChunkRow {
  rowid: number;
  source: string;
  position: number;
  locator: string | null;
  text: string;
  sha256: string;
  labels: string;
  score: number;
}

export const CHUNK_COLUMNS = "c.rowid, c.source, c.position, c.locator, c.text, c.sha256, c.labels";

/**
 * `@readerLabels` = the reader's labels as a JSON array. No chunk label outside the reader's set may exist.
 * (json_each of the chunk's labels; an unlabelled chunk is public.)
 */
const ACCESS_CLAUSE =
  "NOT EXISTS (SELECT 1 FROM json_each(c.labels) l WHERE l.value NOT IN (SELECT value FROM json_each(@readerLabels)))";

/** The WHERE conditions shared by every search, with their named parameters. */
export function whereClause(
  collection: string,
  readerLabels: readonly string[],
  filter: SearchFilter | undefined,
): { sql: string; params: Record<string, string> } {
  const conditions = ["c.collection = @collection", ACCESS_CLAUSE];
  const params: Record<string, string> = {
    collection,
    readerLabels: JSON.stringify([...readerLabels]),
  };
  if (filter?.sources !== undefined) {
    conditions.push("c.source IN (SELECT value FROM json_each(@sources))");
    params["sources"] = JSON.stringify([...filter.sources]);
  }
  if (filter?.labels !== undefined && filter.labels.length > 0) {
    conditions.push(
      "NOT EXISTS (SELECT 1 FROM json_each(@requiredLabels) w WHERE w.value NOT IN (SELECT value FROM json_each(c.labels)))",
    );
    params["requiredLabels"] = JSON.stringify([...filter.labels]);
  }
  return { sql: conditions.join(" AND "), params };
}

/** The words of a query (letters and digits; FTS5 syntax in the query is never interpreted). */
export function queryTerms(query: string): string[] {
  return [...new Set((query.normalize("NFKC").match(/[\p{L}\p{N}]+/gu) ?? []).map((t) => t.toLowerCase()))];
}

/**
 * The FTS5 MATCH expression of a search: any of the query's words (each quoted, so FTS5 syntax
 * in the query is never interpreted) in the text, the filter's sources and labels, and NOT any
 * label the reader lacks. Null when the query has no words.
 */
export function ftsMatch(
  query: string,
  lacking: readonly string[],
  filter: SearchFilter | undefined,
): string | null {
  const terms = queryTerms(query);
  if (terms.length === 0) return null;
  let match = `(text : (${terms.map((t) => `"${t}"`).join(" OR ")}))`;
  for (const label of filter?.labels ?? []) match += ` AND (labels : "${labelToken(label)}")`;
  if (filter?.sources !== undefined) {
    if (filter.sources.length === 0) return null;
    match += ` AND (source : (${filter.sources.map((s) => `"${sourceToken(s)}"`).join(" OR ")}))`;
  }
  if (lacking.length > 0)
    match = `(${match}) NOT (labels : (${lacking.map((l) => `"${labelToken(l)}"`).join(" OR ")}))`;
  return match;
}

/**
 * The top BM25 chunks of a collection's FTS index; the outer WHERE repeats the access check on
 * the k rows found (defence in depth: it can only drop a row, never add one). CROSS JOIN keeps
 * SQLite from scanning the collection's chunks first (it would, to use the collection index).
 */
export function lexicalSql(table: string, where: string): string {
  return `SELECT ${CHUNK_COLUMNS}, s.score AS score
    FROM (SELECT rowid AS id, -rank AS score FROM "${table}" WHERE "${table}" MATCH @match ORDER BY rank LIMIT @limit) s
    CROSS JOIN rag_chunks c ON c.rowid = s.id
    WHERE ${where}
    ORDER BY s.score DESC, c.rowid`;
}

/** Exact cosine scoring of every visible chunk (sqlite-vec's vec_distance_cosine). */
export function vectorSql(where: string): string {
  return `SELECT ${CHUNK_COLUMNS}, 1 - vec_distance_cosine(c.embedding, @vector) AS score
    FROM rag_chunks c
    WHERE c.embedding IS NOT NULL AND ${where}
    ORDER BY score DESC, c.rowid LIMIT @limit`;
}

/** Reciprocal rank fusion constant (Cormack et al. 2009). */
export const RRF_K = 60;

/** Fuses ranked lists by reciprocal rank: score = sum of 1 / (RRF_K + rank). */
export function reciprocalRankFusion<T extends { rowid: number }>(
  lists: readonly (readonly T[])[],
  k: number,
): (T & { score: number })[] {
  const fused = new Map<number, { row: T; score: number }>();
  for (const list of lists) {
    list.forEach((row, index) => {
      const entry = fused.get(row.rowid) ?? { row, score: 0 };
      entry.score += 1 / (RRF_K + index + 1);
      fused.set(row.rowid, entry);
    });
  }
  return [...fused.values()]
    .sort((a, b) => b.score - a.score || a.row.rowid - b.row.rowid)
    .slice(0, k)
    .map(({ row, score }) => ({ ...row, score }));
}
