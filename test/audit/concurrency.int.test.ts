import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/audit/database.js";
import { AuditLog } from "../../src/audit/log.js";
import { verifyLog } from "../../src/audit/verify.js";
import { caseEvents, runStarted, tempDir } from "./setup.js";

const FIXTURES = fileURLToPath(new URL("./fixtures/", import.meta.url));
const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Runs a fixture script in a child Node process (TypeScript via tsx); resolves to its exit code and stdout. */
function runFixture(
  script: string,
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(FIXTURES, script), ...args], {
      cwd: ROOT,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("several processes on one database", () => {
  const dirs: string[] = [];
  const newFile = () => {
    const dir = tempDir();
    dirs.push(dir);
    return path.join(dir, "nested", "crosscheck.db");
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("apply the migrations once when they open a new file at the same moment", async () => {
    const file = newFile();
    const results = await Promise.all([1, 2, 3, 4].map(() => runFixture("open-worker.ts", [file])));
    for (const r of results) expect(r, r.stderr).toMatchObject({ code: 0 });
    const database = openDatabase(file);
    try {
      const applied = database.sqlite.prepare("SELECT count(*) FROM __drizzle_migrations").pluck().get();
      const journal = JSON.parse(
        fs.readFileSync(path.join(ROOT, "src/audit/migrations/meta/_journal.json"), "utf8"),
      ) as { entries: unknown[] };
      expect(applied).toBe(journal.entries.length);
      expect(database.sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
    } finally {
      database.close();
    }
  });

  it("keep one gapless, verifiable chain when two of them append at once", async () => {
    const file = newFile();
    openDatabase(file).close();
    const startAt = String(Date.now() + 3000);
    const results = await Promise.all([
      runFixture("append-worker.ts", [file, "alpha", "200", "7", startAt]),
      runFixture("append-worker.ts", [file, "beta", "200", "7", startAt]),
    ]);
    for (const r of results) expect(r, r.stderr).toMatchObject({ code: 0 });
    const database = openDatabase(file);
    try {
      const seqs = database.sqlite.prepare("SELECT seq FROM events ORDER BY seq").pluck().all();
      expect(seqs).toEqual(Array.from({ length: 400 }, (_, i) => i + 1));
      const runs = database.sqlite.prepare("SELECT run_id, count(*) AS n FROM events GROUP BY run_id").all();
      expect(runs).toEqual([
        { run_id: "alpha", n: 200 },
        { run_id: "beta", n: 200 },
      ]);
      expect(verifyLog(database)).toMatchObject({ ok: true, checked: 400 });
      const order = database.sqlite.prepare("SELECT run_id FROM events ORDER BY seq").pluck().all();
      const switches = order.filter((runId, i) => i > 0 && runId !== order[i - 1]).length;
      expect(switches, "the two writers should have interleaved").toBeGreaterThan(2);
    } finally {
      database.close();
    }
  });

  it("let exactly one of two racing reviewers decide an escalated case", async () => {
    const file = newFile();
    const database = openDatabase(file);
    new AuditLog(database).append([runStarted("r1"), ...caseEvents("r1", "c1", "escalated")]);
    database.close();
    const results = await Promise.all([
      runFixture("claim-worker.ts", [file, "c1", "ana"]),
      runFixture("claim-worker.ts", [file, "c1", "bo"]),
    ]);
    expect(results.map((r) => r.stdout).sort()).toEqual(["ALREADY_DECIDED", "ok"]);
    const check = openDatabase(file);
    try {
      expect(check.sqlite.prepare("SELECT count(*) FROM human_decisions").pluck().get()).toBe(1);
      expect(verifyLog(check).ok).toBe(true);
    } finally {
      check.close();
    }
  });
});
