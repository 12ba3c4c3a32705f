import { CrosscheckError } from "../errors.js";
import { eventHash, GENESIS_HASH } from "./chain.js";
import type { CrosscheckDatabase } from "./database.js";

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

type Row = [
  seq: number,
  id: string,
  ts: number,
  kind: string,
  runId: string,
  caseId: string | null,
  node: string | null,
  body: string,
  prevHash: string,
  hash: string,
];

/** The body fields that are also stored as columns, in Row order. */
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
 * Recomputes the hash chain over every event in seq order, streaming (memory stays flat on
 * any log size), and reports the first event that is missing, edited, reordered or forged.
 * A verifier who trusts nothing else needs only the rule in `eventHash`.
 */
export function verifyLog(database: CrosscheckDatabase, options: VerifyOptions = {}): VerifyResult {
  const rows = database.sqlite
    .prepare(
      "SELECT seq, id, ts, kind, run_id, case_id, node, body, prev_hash, hash FROM events ORDER BY seq",
    )
    .raw()
    .iterate() as IterableIterator<Row>;
  const onProgress = options.onProgress;
  let checked = 0;
  let lastSeq = 0;
  let headHash = GENESIS_HASH;
  const broken = (seq: number, id: string | null, reason: string): VerifyResult => {
    rows.return?.();
    onProgress?.(checked);
    return { ok: false, checked, lastSeq, headHash, firstBroken: { seq, id, reason } };
  };
  for (const row of rows) {
    const [seq, id, , , , , , body, prevHash, hash] = row;
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
        id,
        `event ${seq}: does not link to ${previous} (its prev_hash differs: inserted, deleted or reordered?)`,
      );
    }
    if (eventHash(headHash, body) !== hash) {
      return broken(seq, id, `event ${seq}: hash does not match its content (edited?)`);
    }
    const mismatch = columnMismatch(row);
    if (mismatch !== undefined) return broken(seq, id, `event ${seq}: ${mismatch}`);
    lastSeq = seq;
    headHash = hash;
    checked++;
    if (onProgress !== undefined && checked % PROGRESS_EVERY === 0) onProgress(checked);
  }
  onProgress?.(checked);
  return { ok: true, checked, lastSeq, headHash };
}

/**
 * Where a column disagrees with the hashed body (the body is the record; the columns index it).
 * Fast path without parsing: a canonical body is
 * `{"actor":{...},"caseId":C,"id":I,"kind":K,"node":N,"payload":P,"runId":R,"seq":S,"ts":T}`,
 * and the actor the log writes is a flat object of strings, so the first `},"caseId":` closes
 * it (a quote inside a JSON string is escaped). Only a mismatch is parsed, to name the field.
 */
function columnMismatch(row: Row): string | undefined {
  const [seq, id, ts, kind, runId, caseId, node, body] = row;
  const tail = `,"runId":${quote(runId)},"seq":${seq},"ts":${ts}}`;
  const middle = `,"caseId":${quote(caseId)},"id":${quote(id)},"kind":${quote(kind)},"node":${quote(node)},"payload":`;
  const actorEnd = body.indexOf('},"caseId":', 10);
  if (
    body.startsWith('{"actor":{') &&
    actorEnd > 0 &&
    body.startsWith(middle, actorEnd + 1) &&
    body.endsWith(tail)
  ) {
    return undefined;
  }
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(body) as Record<string, unknown>;
  } catch {
    return "its body is not JSON (edited?)";
  }
  for (const [field, index] of COLUMNS) {
    if (parsed[field] !== row[index]) {
      return `its ${field} column (${JSON.stringify(row[index])}) differs from the hashed body (${JSON.stringify(parsed[field] ?? null)}) (edited or reordered?)`;
    }
  }
  return "its body is not in canonical form (written by another tool?)";
}

/** JSON.stringify of a string or null; plain ids (the common case) skip the escaping scan. */
function quote(value: string | null): string {
  if (value === null) return "null";
  return PLAIN.test(value) ? `"${value}"` : JSON.stringify(value);
}
const PLAIN = /^[\w.:@/ -]*$/;

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
