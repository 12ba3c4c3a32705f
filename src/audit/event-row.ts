import type { EventBody } from "./events.js";

/**
 * How an event is stored in `events`: the body fields that are indexed as columns, the
 * idempotency key, the hashed canonical body and its two links. `AuditLog.append` writes rows
 * this way (adding `ON CONFLICT(idem_key) DO NOTHING`); the benchmarks' raw baselines insert
 * the same rows with the same statement.
 */
export const INSERT_EVENT_SQL = `INSERT INTO events (seq, id, ts, kind, run_id, case_id, node, idem_key, body, prev_hash, hash)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/** The body fields that are stored again as indexed columns, in column order. */
type IndexedFields = [
  seq: number,
  id: string,
  ts: number,
  kind: string,
  runId: string,
  caseId: string | null,
  node: string | null,
];

/** The parameters of INSERT_EVENT_SQL, in order. */
export type EventRow = [...IndexedFields, key: string, body: string, prevHash: string, hash: string];

/** The row of an event whose canonical JSON is `text` and whose chain hash is `hash`. */
export function eventRow(
  body: EventBody,
  key: string,
  text: string,
  prevHash: string,
  hash: string,
): EventRow {
  return [
    body.seq,
    body.id,
    body.ts,
    body.kind,
    body.runId,
    body.caseId,
    body.node,
    key,
    text,
    prevHash,
    hash,
  ];
}

/**
 * The columns that restate body fields, then the body, as read back by `verify.ts` and
 * `export.ts` (select them with STORED_EVENT_COLUMNS).
 */
export type StoredEvent = [...IndexedFields, body: string];

/** The SELECT list of a StoredEvent. */
export const STORED_EVENT_COLUMNS = "seq, id, ts, kind, run_id, case_id, node, body";
