import type { CrosscheckDatabase } from "./database.js";
import { STORED_EVENT_COLUMNS, type StoredEvent } from "./event-row.js";

export type ExportFormat = "jsonl" | "csv";

export interface ExportFilters {
  /** Only events of this run. */
  runId?: string;
  /** Only events at or after this time, ms since the Unix epoch (UTC). */
  since?: number;
  /** Only events of cases whose current status is this outcome. */
  decision?: "accepted" | "rejected" | "escalated";
}

export const EXPORT_FORMATS: readonly ExportFormat[] = ["jsonl", "csv"];

export const CSV_COLUMNS = [
  "seq",
  "id",
  "ts",
  "kind",
  "run_id",
  "case_id",
  "node",
  "actor_type",
  "actor_id",
  "hash",
  "prev_hash",
  "payload",
] as const;

type Row = [...StoredEvent, prevHash: string, hash: string];

/**
 * Streams the events that match `filters`, in seq order, to `write` (one chunk per line,
 * each ending in its line terminator) and returns how many were written. Never holds the
 * whole log in memory. jsonl lines are `{seq,id,ts,kind,runId,caseId,node,prevHash,hash,body}`
 * with `body` the hashed canonical JSON verbatim, so an exported line can be re-hashed.
 * csv is RFC 4180 (CRLF, quoted where needed) with a header row of CSV_COLUMNS.
 */
export function exportEvents(
  database: CrosscheckDatabase,
  format: ExportFormat,
  filters: ExportFilters,
  write: (chunk: string) => void,
): number {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (filters.runId !== undefined) {
    where.push("run_id = ?");
    params.push(filters.runId);
  }
  if (filters.since !== undefined) {
    where.push("ts >= ?");
    params.push(filters.since);
  }
  if (filters.decision !== undefined) {
    where.push("case_id IN (SELECT id FROM cases WHERE status = ?)");
    params.push(filters.decision);
  }
  const sql = `SELECT ${STORED_EVENT_COLUMNS}, prev_hash, hash
    FROM events ${where.length > 0 ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY seq`;
  const rows = database.sqlite
    .prepare(sql)
    .raw()
    .iterate(...params) as IterableIterator<Row>;
  const line = format === "csv" ? csvLine : jsonLine;
  if (format === "csv") write(`${CSV_COLUMNS.join(",")}\r\n`);
  let written = 0;
  for (const row of rows) {
    write(line(row));
    written++;
  }
  return written;
}

function jsonLine([seq, id, ts, kind, runId, caseId, node, body, prevHash, hash]: Row): string {
  const head = JSON.stringify({ seq, id, ts, kind, runId, caseId, node, prevHash, hash });
  // The stored body is already JSON: splice it in rather than parse and re-serialize it.
  return `${head.slice(0, -1)},"body":${body}}\n`;
}

function csvLine([seq, id, ts, kind, runId, caseId, node, body, prevHash, hash]: Row): string {
  const parsed = JSON.parse(body) as { actor?: { type?: string; id?: string }; payload?: unknown };
  const fields = [
    String(seq),
    id,
    new Date(ts).toISOString(),
    kind,
    runId,
    caseId ?? "",
    node ?? "",
    parsed.actor?.type ?? "",
    parsed.actor?.id ?? "",
    hash,
    prevHash,
    JSON.stringify(parsed.payload ?? null),
  ];
  return `${fields.map(csvField).join(",")}\r\n`;
}

/** RFC 4180: a field holding a comma, quote, CR or LF is quoted, with quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
