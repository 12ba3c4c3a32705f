import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/audit/database.js";
import { isCrosscheckError } from "../../src/errors.js";
import { tempDir } from "./setup.js";

function openError(file: string, readonly = false): { code: string; message: string } {
  try {
    openDatabase(file, { readonly }).close();
  } catch (error) {
    if (isCrosscheckError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error("expected openDatabase to fail");
}

describe("openDatabase", () => {
  const dirs: string[] = [];
  const dir = () => {
    const d = tempDir();
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it("creates the parent directories, migrates, and sets WAL, NORMAL sync, a busy timeout and foreign keys", () => {
    const file = path.join(dir(), "a", "b", "crosscheck.db");
    const database = openDatabase(file);
    try {
      expect(database.path).toBe(file);
      const pragma = (name: string) => database.sqlite.pragma(name, { simple: true });
      expect(pragma("journal_mode")).toBe("wal");
      expect(pragma("synchronous")).toBe(1);
      expect(pragma("busy_timeout")).toBe(5000);
      expect(pragma("foreign_keys")).toBe(1);
      const tables = database.sqlite
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .pluck()
        .all();
      expect(tables).toEqual(
        expect.arrayContaining([
          "events",
          "runs",
          "cases",
          "outputs",
          "verdicts",
          "findings",
          "escalations",
          "human_decisions",
        ]),
      );
      expect(tables).not.toContain("checkpoints");
    } finally {
      database.close();
    }
  });

  it("opens an in-memory database", () => {
    const database = openDatabase(":memory:");
    expect(database.sqlite.prepare("SELECT count(*) FROM events").pluck().get()).toBe(0);
    database.close();
  });

  it("reopens a migrated file without applying anything again, also read-only", () => {
    const file = path.join(dir(), "crosscheck.db");
    openDatabase(file).close();
    openDatabase(file).close();
    const readonly = openDatabase(file, { readonly: true });
    expect(readonly.sqlite.prepare("SELECT count(*) FROM __drizzle_migrations").pluck().get()).toBe(3);
    readonly.close();
  });

  it("explains a directory where the file should be", () => {
    const d = dir();
    expect(openError(d)).toMatchObject({
      code: "DATABASE",
      message: expect.stringMatching(/it is a directory/),
    });
    expect(openError(d).message).toContain(d);
  });

  it("explains a file that is not a SQLite database", () => {
    const file = path.join(dir(), "notes.txt");
    fs.writeFileSync(
      file,
      "this is not a database, just some text that is long enough to have a header".repeat(20),
    );
    expect(openError(file)).toMatchObject({
      code: "DATABASE",
      message: expect.stringMatching(/not a SQLite database/),
    });
  });

  it("explains a missing file opened read-only", () => {
    const file = path.join(dir(), "missing.db");
    expect(openError(file, true)).toMatchObject({ code: "DATABASE", message: expect.stringContaining(file) });
    expect(fs.existsSync(file)).toBe(false);
  });
});
