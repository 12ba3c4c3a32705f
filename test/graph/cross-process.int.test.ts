import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/audit/database.js";
import { AuditLog } from "../../src/audit/log.js";
import { verifyLog } from "../../src/audit/verify.js";
import { cliProcess } from "../helpers/cli.js";
import { query } from "../helpers/db.js";
import { tempDb, tempDir } from "../helpers/temp.js";

const WORKFLOW = "test/fixtures/workflows/scripted.ts";

function writeTasks(tasks: unknown[]): string {
  const file = path.join(tempDir(), "tasks.jsonl");
  fs.writeFileSync(file, tasks.map((t) => JSON.stringify(t)).join("\n"));
  return file;
}

function verify(db: string) {
  const database = openDatabase(db);
  try {
    return verifyLog(database);
  } finally {
    database.close();
  }
}

async function waitFor(check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("across processes", () => {
  it("pauses an escalated case in one process and resumes it exactly once from another", async () => {
    const db = tempDb();
    const run = await cliProcess([
      "--db",
      db,
      "--json",
      "run",
      WORKFLOW,
      "--input",
      writeTasks([{ input: { a: "low" } }]),
    ]).done;
    expect(run.code).toBe(3);
    const { caseId } = JSON.parse(run.stdout) as { caseId: string };

    // Two reviewers decide at the same moment: exactly one wins.
    const [first, second] = await Promise.all([
      cliProcess([
        "--db",
        db,
        "decide",
        caseId,
        "--accept",
        "--reviewer",
        "ann",
        "--reason",
        "numbers check out",
      ]).done,
      cliProcess(["--db", db, "decide", caseId, "--reject", "--reviewer", "bob", "--reason", "not sure"])
        .done,
    ]);
    const codes = [first.code, second.code].sort();
    expect(codes[1]).toBe(2);
    expect([0, 1]).toContain(codes[0]);
    const loser = first.code === 2 ? first : second;
    // The loser finds the case decided, or still claimed by the winner deciding it.
    expect(loser.stderr).toMatch(/already decided|is claimed by/);

    const kinds = query<{ kind: string }>(
      db,
      "select kind from events where case_id = ? order by seq",
      caseId,
    ).map((r) => r.kind);
    expect(kinds.filter((k) => k === "human.decision")).toHaveLength(1);
    expect(kinds.filter((k) => k === "escalation.opened")).toHaveLength(1);
    expect(kinds.filter((k) => k === "case.ended")).toHaveLength(1);
    expect(kinds.at(-1)).toBe("case.ended");
    const [row] = query<{ status: string; decided_by: string }>(
      db,
      "select * from cases where id = ?",
      caseId,
    );
    expect(row?.decided_by).toBe("human");
    expect(verify(db).ok).toBe(true);
  });

  it("leaves a verifiable log and marks the run interrupted when a run is killed with SIGKILL", async () => {
    const db = tempDb();
    const tasks = writeTasks([
      { id: "quick", input: {} },
      { id: "stuck", input: { sleepMs: 60_000 } },
    ]);
    const { child, done } = cliProcess(
      ["--db", db, "run", WORKFLOW, "--input", tasks, "--concurrency", "1"],
      {
        env: { SCRIPTED_TIMEOUT_MS: "120000" },
      },
    );
    await waitFor(
      () =>
        fs.existsSync(db) &&
        query<{ n: number }>(db, "select count(*) as n from events where kind = 'case.started'")[0]?.n === 2,
    );
    child.kill("SIGKILL");
    await done;

    const result = verify(db);
    expect(result.ok).toBe(true);
    const database = openDatabase(db);
    try {
      const marked = new AuditLog(database).reconcileInterrupted();
      expect(marked).toHaveLength(1);
    } finally {
      database.close();
    }
    const statuses = query<{ status: string; task_id: string }>(
      db,
      "select status, task_id from cases order by started_at",
    );
    expect(statuses).toEqual([
      { status: "accepted", task_id: "quick" },
      { status: "interrupted", task_id: "stuck" },
    ]);
    expect(query<{ status: string }>(db, "select status from runs")[0]?.status).toBe("interrupted");
    expect(verify(db).ok).toBe(true);
  });

  it("keeps one unbroken chain when two processes run workflows into the same database", async () => {
    const db = tempDb();
    const tasks = writeTasks(
      Array.from({ length: 15 }, (_, i) => ({ id: `t${i}`, input: { b: i % 3 === 0 ? "fail" : "pass" } })),
    );
    const [one, two] = await Promise.all([
      cliProcess(["--db", db, "run", WORKFLOW, "--input", tasks, "--concurrency", "4"]).done,
      cliProcess(["--db", db, "run", WORKFLOW, "--input", tasks, "--concurrency", "4"]).done,
    ]);
    expect(one.stderr).toBe("");
    expect(two.stderr).toBe("");
    const result = verify(db);
    expect(result.ok).toBe(true);
    const seqs = query<{ seq: number }>(db, "select seq from events order by seq").map((r) => r.seq);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    expect(query<{ n: number }>(db, "select count(*) as n from cases")[0]?.n).toBe(30);
  });
});
