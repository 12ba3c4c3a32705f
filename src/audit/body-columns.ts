import type { StoredEvent } from "./event-row.js";

/** A StoredEvent, or a row that starts with one (as verify reads it, links after). */
export type StoredEventRow = readonly [...StoredEvent, ...unknown[]];

/**
 * Whether an event's indexed columns agree with its hashed body, checked in place: no string is
 * built and no regex run per event, which matters on the verify hot path (building the
 * expected text in SQL cost more than reading the columns and hashing the body together).
 *
 * A canonical body is
 * `{"actor":{...},"caseId":C,"id":I,"kind":K,"node":N,"payload":P,"runId":R,"seq":S,"ts":T}`.
 * The actor the log writes is a flat object of strings, so the first `},"caseId":` closes it (a
 * quote inside a JSON string is escaped), and the tail `,"runId":R,"seq":S,"ts":T}` is measured
 * back from the end. A string column matches when it holds no quote or backslash and stands
 * between quotes where its field goes; numbers are read digit by digit. Text is compared, not
 * parsed: a raw control character in a column that the body repeats is not looked for (no more
 * than the body's payload is checked for being JSON). A `false` is not a verdict: the caller
 * re-checks the event field by field with JSON.parse, which has the last word.
 */
export function columnsMatchBody(row: StoredEventRow): boolean {
  const [seq, id, ts, kind, runId, caseId, node, body] = row;
  if (!body.startsWith(ACTOR_OPEN)) return false;
  const actorEnd = body.indexOf(CASE_ID_KEY, ACTOR_OPEN.length);
  if (actorEnd < 0) return false;
  let at = stringAt(body, actorEnd + CASE_ID_KEY.length, caseId);
  at = keyedStringAt(body, at, ID_KEY, id);
  at = keyedStringAt(body, at, KIND_KEY, kind);
  at = keyedStringAt(body, at, NODE_KEY, node);
  if (at < 0 || !body.startsWith(PAYLOAD_KEY, at)) return false;
  // The tail's length follows from the columns, so it is found without searching the payload.
  const tail = body.length - tailLength(runId, seq, ts);
  if (tail < at + PAYLOAD_KEY.length || !body.startsWith(RUN_ID_KEY, tail)) return false;
  at = stringAt(body, tail + RUN_ID_KEY.length, runId);
  at = keyedNumberAt(body, at, SEQ_KEY, seq);
  at = keyedNumberAt(body, at, TS_KEY, ts);
  return at === body.length - 1 && body.charCodeAt(at) === CLOSE_BRACE;
}

const ACTOR_OPEN = '{"actor":{';
const CASE_ID_KEY = '},"caseId":';
const ID_KEY = ',"id":';
const KIND_KEY = ',"kind":';
const NODE_KEY = ',"node":';
const PAYLOAD_KEY = ',"payload":';
const RUN_ID_KEY = ',"runId":';
const SEQ_KEY = ',"seq":';
const TS_KEY = ',"ts":';
const QUOTE = 34;
const CLOSE_BRACE = 125;
const ZERO = 48;
const NINE = 57;
/** More digits than this may not round-trip through a double: left to the slow check. */
const MAX_DIGITS = 15;

/** Length of `,"runId":R,"seq":S,"ts":T}` when the three columns are what the body holds. */
function tailLength(runId: string, seq: number, ts: number): number {
  return (
    RUN_ID_KEY.length +
    runId.length +
    2 +
    SEQ_KEY.length +
    digitCount(seq) +
    TS_KEY.length +
    digitCount(ts) +
    1
  );
}

/** Decimal digits of a non-negative integer (1 for anything else: the digit check then fails). */
function digitCount(value: number): number {
  let digits = 1;
  for (let limit = 10; value >= limit && digits <= MAX_DIGITS; limit *= 10) digits++;
  return digits;
}

/** Position after `key` and `value` at `at`, or -1 (also when `at` is already -1). */
function keyedStringAt(body: string, at: number, key: string, value: string | null): number {
  if (at < 0 || !body.startsWith(key, at)) return -1;
  return stringAt(body, at + key.length, value);
}

/** Position after the JSON of `value` (null or a string that needs no escaping) at `at`, or -1. */
function stringAt(body: string, at: number, value: string | null): number {
  if (at < 0) return -1;
  if (value === null) return body.startsWith("null", at) ? at + 4 : -1;
  const end = at + 1 + value.length;
  if (body.charCodeAt(at) !== QUOTE || body.charCodeAt(end) !== QUOTE || !body.startsWith(value, at + 1)) {
    return -1;
  }
  // A quote or backslash would be escaped in the body (or end the string early there).
  if (value.includes('"') || value.includes("\\")) return -1;
  return end + 1;
}

/** Position after `key` and the plain digits of `value` (a non-negative integer) at `at`, or -1. */
function keyedNumberAt(body: string, at: number, key: string, value: number): number {
  if (at < 0 || !body.startsWith(key, at)) return -1;
  const start = at + key.length;
  let end = start;
  let parsed = 0;
  for (let code = body.charCodeAt(end); code >= ZERO && code <= NINE; code = body.charCodeAt(++end)) {
    parsed = parsed * 10 + (code - ZERO);
  }
  const digits = end - start;
  if (digits === 0 || digits > MAX_DIGITS) return -1;
  if (digits > 1 && body.charCodeAt(start) === ZERO) return -1;
  return parsed === value ? end : -1;
}

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
 * Which column disagrees with the hashed body, field by field after JSON.parse (the body is the
 * record; the columns index it), or undefined when they agree. The slow path behind
 * `columnsMatchBody`, and the last word.
 */
export function columnMismatch(row: StoredEventRow): string | undefined {
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
