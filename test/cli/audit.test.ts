import fs from "node:fs";
import path from "node:path";
import { PassThrough } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/audit/database.js";
import { AuditLog } from "../../src/audit/log.js";
import { main } from "../../src/cli/main.js";
import { caseEvents, runStarted, tempDir } from "../audit/setup.js";

/** Runs `crosscheck <args>` in-process with a capturing io. */
async function crosscheck(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(["node", "crosscheck", ...args], {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    stdin: new PassThrough(),
  });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("crosscheck audit", () => {
  let dir: string;
  let db: string;
  beforeEach(() => {
    dir = tempDir();
    db = path.join(dir, "crosscheck.db");
    const database = openDatabase(db);
    const log = new AuditLog(database, { clock: () => Date.UTC(2025, 0, 31) });
    log.append([
      runStarted("run-1"),
      ...caseEvents("run-1", "c-ok", "accepted"),
      ...caseEvents("run-1", "c-no", "rejected"),
    ]);
    database.close();
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("verify prints ok with the event count and head hash", async () => {
    const result = await crosscheck("--db", db, "audit", "verify");
    expect(result).toMatchObject({
      code: 0,
      out: expect.stringMatching(/^ok: 11 events, head [0-9a-f]{64}$/),
    });
  });

  it("verify --json prints the structured result", async () => {
    const result = await crosscheck("--db", db, "--json", "audit", "verify");
    expect(JSON.parse(result.out)).toMatchObject({ ok: true, checked: 11, lastSeq: 11 });
  });

  it("verify reports tampering with exit code 4", async () => {
    const database = openDatabase(db);
    database.sqlite
      .prepare("UPDATE events SET body = replace(body, 'tests pass', 'tests fail') WHERE seq = 3")
      .run();
    database.close();
    const result = await crosscheck("--db", db, "audit", "verify");
    expect(result).toEqual({
      code: 4,
      out: "TAMPERED: event 3: hash does not match its content (edited?)",
      err: "",
    });
  });

  it("refuses to read a database that does not exist, without creating it", async () => {
    const missing = path.join(dir, "nope", "crosscheck.db");
    for (const args of [["verify"], ["export"], ["show", "run-1"]]) {
      const result = await crosscheck("--db", missing, "audit", ...args);
      expect(result.code).toBe(2);
      expect(result.err).toBe(
        `crosscheck: no audit database at ${missing}: run a workflow first or pass --db`,
      );
    }
    expect(fs.existsSync(path.dirname(missing))).toBe(false);
  });

  it("export writes JSON lines to stdout and records the export in the log", async () => {
    const result = await crosscheck("--db", db, "audit", "export", "--decision", "rejected");
    expect(result.code).toBe(0);
    const lines = result.out.split("\n").map((line) => JSON.parse(line));
    expect(lines).toHaveLength(5);
    expect(new Set(lines.map((l) => l.caseId))).toEqual(new Set(["c-no"]));
    expect(result.err).toBe("exported 5 events");
    const database = openDatabase(db);
    const last = JSON.parse(
      database.sqlite.prepare("SELECT body FROM events ORDER BY seq DESC").pluck().get() as string,
    );
    database.close();
    expect(last).toMatchObject({
      kind: "log.exported",
      runId: "log",
      actor: { type: "human", role: "exporter", authenticatedBy: "os-user" },
      payload: { format: "jsonl", filters: { decision: "rejected" }, events: 5 },
    });
    expect((await crosscheck("--db", db, "audit", "verify")).code).toBe(0);
  });

  it("export --format csv --out writes a file", async () => {
    const out = path.join(dir, "events.csv");
    const result = await crosscheck(
      "--db",
      db,
      "audit",
      "export",
      "--format",
      "csv",
      "--run",
      "run-1",
      "--out",
      out,
    );
    expect(result).toMatchObject({ code: 0, out: `exported 11 events to ${out}` });
    const text = fs.readFileSync(out, "utf8");
    expect(
      text.startsWith("seq,id,ts,kind,run_id,case_id,node,actor_type,actor_id,hash,prev_hash,payload\r\n"),
    ).toBe(true);
    expect(text.split("\r\n").filter(Boolean)).toHaveLength(12);
  });

  it("export --since filters by time and rejects a date it cannot read", async () => {
    expect((await crosscheck("--db", db, "audit", "export", "--since", "2025-02-01")).err).toBe(
      "exported 0 events",
    );
    expect(
      (await crosscheck("--db", db, "audit", "export", "--since", "2025-01-30T23:00", "--run", "run-1")).err,
    ).toBe("exported 11 events");
    const bad = await crosscheck("--db", db, "audit", "export", "--since", "last tuesday");
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--since: "last tuesday" is not an ISO date or datetime; use e.g. 2025-01-31/);
  });

  it("export rejects an unknown format", async () => {
    expect((await crosscheck("--db", db, "audit", "export", "--format", "xml")).code).toBe(2);
  });

  it("show prints the account of a run or a case, or JSON", async () => {
    const text = await crosscheck("--db", db, "audit", "show", "run-1");
    expect(text.code).toBe(0);
    expect(text.out).toContain("Case c-no — task task-c-no (diff): REJECTED by consensus");
    const json = await crosscheck("--db", db, "--json", "audit", "show", "c-ok");
    expect(JSON.parse(json.out)).toMatchObject({
      focusCaseId: "c-ok",
      cases: [{ id: "c-ok", status: "accepted" }],
    });
  });

  it("show names recent runs for an unknown id", async () => {
    const result = await crosscheck("--db", db, "audit", "show", "run-9");
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/no run or case with id "run-9".*run-1/);
  });
});
