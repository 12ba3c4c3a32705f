import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { type BetterSQLite3Database, drizzle } from "drizzle-orm/better-sqlite3";
import { CrosscheckError } from "../errors.js";
import { applyMigrations, pendingMigrations } from "./migrate.js";
import * as schema from "./schema.js";

/** How long a connection waits for another process's write lock before SQLITE_BUSY, in ms. */
export const BUSY_TIMEOUT_MS = 5000;

/** better-sqlite3's types, for the modules of `audit/` that prepare their own statements. */
export type SqliteDatabase = Database.Database;
export type SqliteStatement<P extends unknown[] | object = unknown[], R = unknown> = Database.Statement<P, R>;
export type SqliteTransaction<F extends (...args: never[]) => unknown> = Database.Transaction<F>;

/** The committed drizzle-kit migrations, next to this file. */
const MIGRATIONS_FOLDER = fileURLToPath(new URL("./migrations", import.meta.url));

/**
 * The one SQLite file of a Crosscheck installation: audit log, projections, and LangGraph's
 * checkpoints. This module is the only one in `src/` that imports better-sqlite3.
 */
export interface CrosscheckDatabase {
  readonly path: string;
  /** Raw handle: the audit log's hot path and LangGraph's SqliteSaver use it. */
  readonly sqlite: Database.Database;
  readonly db: BetterSQLite3Database<typeof schema>;
  close(): void;
}

export interface OpenDatabaseOptions {
  /** Open without writing: no pragmas that write, no migrations (the file must exist and be migrated). Default false. */
  readonly?: boolean;
}

/**
 * Opens (creating if needed, with its parent directory) the database at `file`, or an in-memory
 * one for ":memory:". Sets WAL, synchronous=NORMAL, a busy timeout and foreign keys, and applies
 * the committed migrations (safe when several processes open a new file at once).
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): CrosscheckDatabase {
  const readonly = options.readonly === true;
  const inMemory = file === ":memory:";
  const resolved = inMemory ? file : path.resolve(file);
  let sqlite: Database.Database | undefined;
  try {
    if (!inMemory && !readonly) fs.mkdirSync(path.dirname(resolved), { recursive: true });
    sqlite = new Database(resolved, { readonly, fileMustExist: readonly });
    sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    if (readonly) {
      if (pendingMigrations(sqlite, MIGRATIONS_FOLDER) > 0) {
        throw new CrosscheckError(
          "DATABASE",
          `the database at ${resolved} is not up to date with this version of crosscheck: open it once without read-only mode to migrate it`,
        );
      }
    } else {
      if (!inMemory) sqlite.pragma("journal_mode = WAL");
      sqlite.pragma("synchronous = NORMAL");
      applyMigrations(sqlite, MIGRATIONS_FOLDER);
    }
    sqlite.pragma("foreign_keys = ON");
  } catch (error) {
    sqlite?.close();
    throw openError(resolved, error);
  }
  const handle = sqlite;
  return {
    path: resolved,
    sqlite: handle,
    db: drizzle(handle, { schema }),
    close: () => {
      if (handle.open) handle.close();
    },
  };
}

function openError(file: string, error: unknown): CrosscheckError {
  if (error instanceof CrosscheckError) return error;
  const code = (error as { code?: unknown }).code;
  const detail = error instanceof Error ? error.message : String(error);
  let fix = "check the path and its permissions, or pass another file with --db";
  if (code === "SQLITE_NOTADB") fix = "it is not a SQLite database: pass another file with --db";
  else if (code === "SQLITE_CANTOPEN" && isDirectory(file))
    fix = "it is a directory: pass a file path with --db";
  else if (code === "SQLITE_BUSY") fix = "another process holds a write lock: retry when it has finished";
  else if (code === "SQLITE_CANTOPEN")
    fix = "check that the file exists and is readable, or pass another file with --db";
  return new CrosscheckError("DATABASE", `cannot open the audit database at ${file} (${detail}): ${fix}`, {
    cause: error,
  });
}

function isDirectory(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}
