import { columnMismatch, columnsMatchBody } from "./body-columns.js";
import { eventHash } from "./chain.js";
import type { SqliteDatabase, SqliteStatement } from "./database.js";
import { STORED_EVENT_COLUMNS, type StoredEvent } from "./event-row.js";

/** The first event that fails verification, as `VerifyResult.firstBroken` reports it. */
export interface BrokenEvent {
  seq: number;
  id: string | null;
  reason: string;
}

/**
 * What one seq range of the log holds, verified on its own: every link, hash and column check
 * inside the range. Its first event's seq and prev_hash are only reported, because checking them
 * needs the range before (`verify.ts` stitches the ranges in order).
 */
export interface ChunkResult {
  index: number;
  /** The range's first event (null when the range holds none). */
  first: { seq: number; id: string; prevHash: string } | null;
  /** Events verified before the first broken one (all of them when none is). */
  checked: number;
  /** Seq and hash of the last event that verified (null when none did). */
  last: { seq: number; hash: string } | null;
  broken?: BrokenEvent;
}

/** One event as read for verification: its indexed columns and body, then its links. */
type ChunkRow = [...StoredEvent, prevHash: string, hash: string];

export type ChunkStatement = SqliteStatement<[number, number], ChunkRow>;

/** How many events verifyLog verifies between two `onProgress` calls (about, on worker threads). */
export const PROGRESS_EVERY = 100_000;

/** The smallest and largest seq a range may name: the first and last ranges are open-ended. */
export const MIN_SEQ = Number.MIN_SAFE_INTEGER;
export const MAX_SEQ = Number.MAX_SAFE_INTEGER;

/** Prepares the range read once per connection (raw rows, seq order). */
export function prepareChunkRead(sqlite: SqliteDatabase): ChunkStatement {
  return sqlite
    .prepare<[number, number], ChunkRow>(
      `SELECT ${STORED_EVENT_COLUMNS}, prev_hash, hash FROM events WHERE seq BETWEEN ? AND ? ORDER BY seq`,
    )
    .raw();
}

/**
 * Verifies the events with `from <= seq <= to`, streaming, and stops at the first broken one.
 * `onChecked` is called every `checkedEvery` events with the number verified so far.
 */
export function verifyChunk(
  read: ChunkStatement,
  index: number,
  from: number,
  to: number,
  onChecked?: (checked: number) => void,
  checkedEvery = Number.POSITIVE_INFINITY,
): ChunkResult {
  const rows = read.iterate(from, to);
  let first: ChunkResult["first"] = null;
  let checked = 0;
  let lastSeq = 0;
  let headHash = "";
  const result = (broken?: BrokenEvent): ChunkResult => {
    const last = checked === 0 ? null : { seq: lastSeq, hash: headHash };
    return broken === undefined ? { index, first, checked, last } : { index, first, checked, last, broken };
  };
  const stop = (broken: BrokenEvent): ChunkResult => {
    rows.return?.();
    return result(broken);
  };
  for (const row of rows) {
    const [seq, id, , , , , , body, prevHash, hash] = row;
    if (first === null) {
      first = { seq, id, prevHash };
    } else {
      const expected = lastSeq + 1;
      if (seq !== expected) {
        return stop({ seq: expected, id: null, reason: missing(seq, lastSeq) });
      }
      if (prevHash !== headHash) {
        return stop({ seq, id, reason: notLinked(seq, lastSeq) });
      }
    }
    // The first event's prev_hash is checked by the caller against the range before.
    if (eventHash(prevHash, body) !== hash) {
      return stop({ seq, id, reason: `event ${seq}: hash does not match its content (edited?)` });
    }
    if (!columnsMatchBody(row)) {
      const mismatch = columnMismatch(row);
      if (mismatch !== undefined) return stop({ seq, id, reason: `event ${seq}: ${mismatch}` });
    }
    lastSeq = seq;
    headHash = hash;
    checked++;
    if (onChecked !== undefined && checked % checkedEvery === 0) onChecked(checked);
  }
  return result();
}

/** The reason for an event whose prev_hash is not the hash of the event before (0: none). */
export function notLinked(seq: number, previousSeq: number): string {
  const previous = previousSeq === 0 ? "the start of the log" : `event ${previousSeq}`;
  return `event ${seq}: does not link to ${previous} (its prev_hash differs: inserted, deleted or reordered?)`;
}

/** The reason for a gap before `seq` when the last event seen is `previousSeq` (0: none). */
export function missing(seq: number, previousSeq: number): string {
  const expected = previousSeq + 1;
  return previousSeq === 0
    ? `event ${expected} missing: the log starts at event ${seq} (deleted?)`
    : `event ${expected} missing: sequence jumps from ${previousSeq} to ${seq} (deleted?)`;
}
