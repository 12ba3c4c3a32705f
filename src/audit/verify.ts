import { CrosscheckError } from "../errors.js";
import { eventHash, GENESIS_HASH } from "./chain.js";
import type { CrosscheckDatabase } from "./database.js";
import { STORED_EVENT_COLUMNS, type StoredEvent } from "./event-row.js";

export interface VerifyResult {
  /** True when every event links to the one before and matches its hash and columns. */
  ok: boolean;
  /** Events checked before the first broken one (all of them when ok). */
  checked: number;
  /** Seq of the last event that verified. */
  lastSeq: number;
  /** Hash of the last event that verified (GENESIS_HASH for an empty log): compare it with a head you recorded earlier to detect a truncated tail. */
  headHash: string;
  firstBroken?: { seq: number; id: string | null; reason: string };
}

export interface VerifyOptions {
  /** Called every PROGRESS_EVERY events and at the end with the number checked so far. */
  onProgress?: (checked: number) => void;
}

export const PROGRESS_EVERY = 100_000;

/** One event as read for verification: the hashed content, its links, and the column check. */
type StreamRow = [seq: number, body: string, prevHash: string, hash: string, columnsMatch: 0 | 1];

/** The body fields that are also stored as columns, in StoredEvent order. */
const COLUMNS = [
  ["seq", 0],
  ["id", 1],
  ["ts", 2],
  ["kind", 3],
  ["runId", 4],
  ["caseId", 5],
  ["node", 6],
] as const;

/**
 * Whether the indexed columns agree with the hashed body, computed by SQLite (cheaper than
 * handing every column to JavaScript). A canonical body is
 * `{"actor":{...},"caseId":C,"id":I,"kind":K,"node":N,"payload":P,"runId":R,"seq":S,"ts":T}`
 * and the actor the log writes is a flat object of strings, so the first `},"caseId":`
 * closes it (a quote inside a JSON string is escaped). A row that fails this is re-checked
 * field by field in JavaScript, which has the last word (json_quote and JSON.stringify may
 * escape rare characters differently).
 */
const TAIL = `(',"runId":' || json_quote(run_id) || ',"seq":' || seq || ',"ts":' || ts || '}')`;
const MIDDLE = `(',"caseId":' || json_quote(case_id) || ',"id":' || json_quote(id) || ',"kind":' || json_quote(kind) || ',"node":' || json_quote(node) || ',"payload":')`;
const STREAM_SQL = `SELECT seq, body, prev_hash, hash,
  substr(body, 1, 10) = '{"actor":{'
  AND substr(body, length(body) - length(${TAIL}) + 1) = ${TAIL}
  AND instr(body, ${MIDDLE}) = instr(body, '},"caseId":') + 1
  FROM events ORDER BY seq`;

/**
 * Recomputes the hash chain over every event in seq order, streaming (memory stays flat on
 * any log size), and reports the first event that is missing, edited, reordered or forged.
 * A verifier who trusts nothing else needs only the rule in `eventHash`.
 */
export function verifyLog(database: CrosscheckDatabase, options: VerifyOptions = {}): VerifyResult {
  const rows = database.sqlite.prepare(STREAM_SQL).raw().iterate() as IterableIterator<StreamRow>;
  const idOf = (seq: number) =>
    (database.sqlite.prepare("SELECT id FROM events WHERE seq = ?").pluck().get(seq) as string | undefined) ??
    null;
  const onProgress = options.onProgress;
  let checked = 0;
  let lastSeq = 0;
  let headHash = GENESIS_HASH;
  const broken = (seq: number, id: string | null, reason: string): VerifyResult => {
    rows.return?.();
    onProgress?.(checked);
    return { ok: false, checked, lastSeq, headHash, firstBroken: { seq, id, reason } };
  };
  for (const [seq, body, prevHash, hash, columnsMatch] of rows) {
    const expected = lastSeq + 1;
    if (seq !== expected) {
      const reason =
        lastSeq === 0
          ? `event ${expected} missing: the log starts at event ${seq} (deleted?)`
          : `event ${expected} missing: sequence jumps from ${lastSeq} to ${seq} (deleted?)`;
      return broken(expected, null, reason);
    }
    if (prevHash !== headHash) {
      const previous = lastSeq === 0 ? "the start of the log" : `event ${lastSeq}`;
      return broken(
        seq,
        idOf(seq),
        `event ${seq}: does not link to ${previous} (its prev_hash differs: inserted, deleted or reordered?)`,
      );
    }
    if (eventHash(headHash, body) !== hash) {
      return broken(seq, idOf(seq), `event ${seq}: hash does not match its content (edited?)`);
    }
    if (columnsMatch !== 1) {
      const mismatch = columnMismatch(database, seq);
      if (mismatch !== undefined) return broken(seq, idOf(seq), `event ${seq}: ${mismatch}`);
    }
    lastSeq = seq;
    headHash = hash;
    checked++;
    if (onProgress !== undefined && checked % PROGRESS_EVERY === 0) onProgress(checked);
  }
  onProgress?.(checked);
  return { ok: true, checked, lastSeq, headHash };
}

/** Which column disagrees with the hashed body (the body is the record; the columns index it). */
function columnMismatch(database: CrosscheckDatabase, seq: number): string | undefined {
  const row = database.sqlite
    .prepare(`SELECT ${STORED_EVENT_COLUMNS} FROM events WHERE seq = ?`)
    .raw()
    .get(seq) as StoredEvent;
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(row[7]) as Record<string, unknown>;
  } catch {
    return "its body is not JSON (edited?)";
  }
  for (const [field, index] of COLUMNS) {
    if (parsed[field] !== row[index]) {
      return `its ${field} column (${JSON.stringify(row[index])}) differs from the hashed body (${JSON.stringify(parsed[field] ?? null)}) (edited or reordered?)`;
    }
  }
  const keys = Object.keys(parsed).join(",");
  if (keys !== "actor,caseId,id,kind,node,payload,runId,seq,ts" || parsed["actor"] === null) {
    return "its body is not in the canonical event layout (written by another tool?)";
  }
  return undefined;
}

/** Throws CrosscheckError("LOG_TAMPERED") naming the first broken event, unless the log verifies. */
export function assertLogIntact(database: CrosscheckDatabase): VerifyResult {
  const result = verifyLog(database);
  if (!result.ok && result.firstBroken !== undefined) {
    throw new CrosscheckError(
      "LOG_TAMPERED",
      `the audit log at ${database.path} fails verification: ${result.firstBroken.reason}. Restore it from a backup and keep the tampered copy for investigation`,
    );
  }
  return result;
}
