import type BetterSqlite3 from "better-sqlite3";
import { readMigrationFiles } from "drizzle-orm/migrator";

/** drizzle's own bookkeeping table: the same layout, so drizzle-kit tooling still reads it. */
const MIGRATIONS_TABLE = "__drizzle_migrations";

/**
 * Applies the drizzle-kit migrations in `migrationsFolder` that the database lacks, in one
 * `BEGIN IMMEDIATE` transaction. drizzle's `migrate()` reads the applied migrations before its
 * (deferred) transaction, so two processes opening a new file at once would both try to create
 * the tables; taking the write lock first makes the second one wait, then see nothing to do.
 * Returns how many migrations were applied.
 */
export function applyMigrations(sqlite: BetterSqlite3.Database, migrationsFolder: string): number {
  const migrations = readMigrationFiles({ migrationsFolder });
  sqlite.exec("BEGIN IMMEDIATE");
  try {
    sqlite.exec(
      `CREATE TABLE IF NOT EXISTS "${MIGRATIONS_TABLE}" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)`,
    );
    const last = sqlite
      .prepare(`SELECT created_at FROM "${MIGRATIONS_TABLE}" ORDER BY created_at DESC LIMIT 1`)
      .pluck()
      .get() as number | string | undefined;
    const lastMillis = last === undefined ? Number.NEGATIVE_INFINITY : Number(last);
    const record = sqlite.prepare(`INSERT INTO "${MIGRATIONS_TABLE}" (hash, created_at) VALUES (?, ?)`);
    let applied = 0;
    for (const migration of migrations) {
      if (migration.folderMillis <= lastMillis) continue;
      for (const statement of migration.sql) {
        if (statement.trim() !== "") sqlite.exec(statement);
      }
      record.run(migration.hash, migration.folderMillis);
      applied++;
    }
    sqlite.exec("COMMIT");
    return applied;
  } catch (error) {
    if (sqlite.inTransaction) sqlite.exec("ROLLBACK");
    throw error;
  }
}

/** Number of migrations in `migrationsFolder` that the database has not applied (read-only check). */
export function pendingMigrations(sqlite: BetterSqlite3.Database, migrationsFolder: string): number {
  const migrations = readMigrationFiles({ migrationsFolder });
  const exists = sqlite
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")
    .pluck()
    .get(MIGRATIONS_TABLE);
  if (exists === undefined) return migrations.length;
  const last = sqlite
    .prepare(`SELECT created_at FROM "${MIGRATIONS_TABLE}" ORDER BY created_at DESC LIMIT 1`)
    .pluck()
    .get() as number | string | undefined;
  const lastMillis = last === undefined ? Number.NEGATIVE_INFINITY : Number(last);
  return migrations.filter((m) => m.folderMillis > lastMillis).length;
}
