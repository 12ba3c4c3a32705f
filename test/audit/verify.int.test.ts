import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildLog } from "../../bench/verify.js";
import { type CrosscheckDatabase, openDatabase } from "../../src/audit/database.js";
import { PARALLEL_MIN_EVENTS, type VerifyResult, verifyLog } from "../../src/audit/verify.js";
import { CHUNK_EVENTS } from "../../src/audit/verify-parallel.js";
import { tempDir } from "./setup.js";

const EVENTS = 250_000;

type Row = Record<string, unknown>;

/**
 * One 250k-event log (built fast by the verify benchmark's generator), tampered and restored by
 * each test. Every check runs on worker threads and on the calling thread alone: both must
 * report the same first broken event.
 */
describe("verifyLog on a large log, in parallel", () => {
  let dir: string;
  let database: CrosscheckDatabase;
  const row = (seq: number) => database.sqlite.prepare("SELECT * FROM events WHERE seq = ?").get(seq) as Row;
  const exec = (sql: string, ...params: unknown[]) => database.sqlite.prepare(sql).run(...params);
  const restore = (saved: Row) => {
    const columns = Object.keys(saved);
    exec(
      `INSERT OR REPLACE INTO events (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`,
      ...columns.map((column) => saved[column]),
    );
  };
  /** verifyLog with two threads, checked against the single-threaded pass. */
  const verifyBoth = (): VerifyResult => {
    const parallel = verifyLog(database, { threads: 2 });
    expect(verifyLog(database, { threads: 1 })).toEqual(parallel);
    return parallel;
  };

  beforeAll(() => {
    expect(EVENTS).toBeGreaterThanOrEqual(PARALLEL_MIN_EVENTS);
    dir = tempDir();
    database = openDatabase(path.join(dir, "crosscheck.db"));
    buildLog(database, EVENTS);
  }, 120_000);
  afterAll(() => {
    database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("verifies the untouched log and reports progress up to its last event", () => {
    const seen: number[] = [];
    const result = verifyLog(database, { threads: 2, onProgress: (n) => seen.push(n) });
    expect(result).toMatchObject({ ok: true, checked: EVENTS, lastSeq: EVENTS });
    expect(result.headHash).toBe(row(EVENTS)["hash"]);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.at(-1)).toBe(EVENTS);
  });

  it("names an event edited in the middle", () => {
    const seq = EVENTS / 2 + 7;
    const saved = row(seq);
    exec("UPDATE events SET body = replace(body, 'totals match', 'totals differ') WHERE seq = ?", seq);
    try {
      expect(verifyBoth()).toEqual({
        ok: false,
        checked: seq - 1,
        lastSeq: seq - 1,
        headHash: row(seq - 1)["hash"],
        firstBroken: {
          seq,
          id: saved["id"],
          reason: `event ${seq}: hash does not match its content (edited?)`,
        },
      });
    } finally {
      restore(saved);
    }
  });

  it("names an event deleted near the end", () => {
    const seq = EVENTS - 10;
    const saved = row(seq);
    exec("DELETE FROM events WHERE seq = ?", seq);
    try {
      expect(verifyBoth()).toMatchObject({
        ok: false,
        checked: seq - 1,
        firstBroken: {
          seq,
          id: null,
          reason: `event ${seq} missing: sequence jumps from ${seq - 1} to ${seq + 1} (deleted?)`,
        },
      });
    } finally {
      restore(saved);
    }
  });

  it("names an event deleted at the end of a range, where two ranges meet", () => {
    const seq = 2 * CHUNK_EVENTS;
    const saved = row(seq);
    exec("DELETE FROM events WHERE seq = ?", seq);
    try {
      expect(verifyBoth().firstBroken).toEqual({
        seq,
        id: null,
        reason: `event ${seq} missing: sequence jumps from ${seq - 1} to ${seq + 1} (deleted?)`,
      });
    } finally {
      restore(saved);
    }
  });

  it("names the first event of a range whose prev_hash no longer links to the range before", () => {
    const seq = 3 * CHUNK_EVENTS + 1;
    const saved = row(seq);
    exec("UPDATE events SET prev_hash = ? WHERE seq = ?", "e".repeat(64), seq);
    try {
      expect(verifyBoth().firstBroken).toMatchObject({ seq, reason: expect.stringMatching(/does not link/) });
    } finally {
      restore(saved);
    }
  });

  it("reports the earliest of two broken events, whichever thread finds it first", () => {
    const late = row(EVENTS - CHUNK_EVENTS);
    const early = row(CHUNK_EVENTS + 3);
    exec("UPDATE events SET ts = ts + 1 WHERE seq = ?", late["seq"]);
    exec("UPDATE events SET case_id = 'elsewhere' WHERE seq = ?", early["seq"]);
    try {
      expect(verifyBoth().firstBroken).toMatchObject({
        seq: early["seq"],
        reason: expect.stringMatching(/caseId column \("elsewhere"\) differs from the hashed body/),
      });
    } finally {
      restore(late);
      restore(early);
    }
  });
});
