import { openDatabase } from "../../src/audit/database.js";

/** Reads rows from a database file with a fresh connection (as another process would). */
export function query<T = Record<string, unknown>>(file: string, sql: string, ...params: unknown[]): T[] {
  const database = openDatabase(file);
  try {
    return database.sqlite.prepare(sql).all(...params) as T[];
  } finally {
    database.close();
  }
}

export function eventKinds(file: string, caseId: string): string[] {
  return query<{ kind: string }>(file, "select kind from events where case_id = ? order by seq", caseId).map(
    (r) => r.kind,
  );
}
