import { createHash } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { verifyLog } from "../../src/audit/verify.js";
import { caseEvents, type LogSetup, runStarted, setupLog } from "./setup.js";

/** The chain rule, written out independently of src/audit/chain.ts. */
function sha256(prevHash: string, body: string): string {
  return createHash("sha256").update(`${prevHash}\n${body}`, "utf8").digest("hex");
}

type Stored = { seq: number; id: string; body: string; prev_hash: string; hash: string };

describe("hash chain", () => {
  let s: LogSetup;
  const all = () => s.database.sqlite.prepare("SELECT * FROM events ORDER BY seq").all() as Stored[];
  const exec = (sql: string, ...params: unknown[]) => s.database.sqlite.prepare(sql).run(...params);

  beforeEach(() => {
    s = setupLog();
    s.log.append([runStarted("run-1"), ...caseEvents("run-1", "case-1", "accepted")]);
    s.log.append(caseEvents("run-1", "case-2", "rejected"));
    // 1 run.started + 5 + 5 = 11 events
  });
  afterEach(() => s.close());

  it("links every event to the previous one with sha256(prev + newline + canonical body)", () => {
    const rows = all();
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    let prev = "0".repeat(64);
    for (const row of rows) {
      expect(row.prev_hash).toBe(prev);
      expect(row.hash).toBe(sha256(prev, row.body));
      prev = row.hash;
    }
  });

  it("hashes the timestamp, sequence and id inside the body, with sorted keys and no whitespace", () => {
    const first = all()[0] as Stored;
    const body = JSON.parse(first.body) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual([
      "actor",
      "caseId",
      "id",
      "kind",
      "node",
      "payload",
      "runId",
      "seq",
      "ts",
    ]);
    expect(body).toMatchObject({
      seq: 1,
      id: first.id,
      ts: Date.UTC(2025, 0, 31, 9, 0, 0),
      kind: "run.started",
    });
    expect(first.body).not.toMatch(/\s"|":\s/);
  });

  it("verifies an untouched log and reports its head", () => {
    const rows = all();
    expect(verifyLog(s.database)).toEqual({ ok: true, checked: 11, lastSeq: 11, headHash: rows[10]?.hash });
  });

  it("names an event whose body was edited", () => {
    exec("UPDATE events SET body = replace(body, 'patched the parser', 'did nothing') WHERE seq = 8");
    const result = verifyLog(s.database);
    expect(result.ok).toBe(false);
    expect(result.firstBroken).toMatchObject({
      seq: 8,
      reason: "event 8: hash does not match its content (edited?)",
    });
    expect(result.checked).toBe(7);
  });

  it("names the next event when an edited body was re-hashed in place", () => {
    const row = all()[2] as Stored;
    const forged = row.body.replace("patched the parser", "did nothing");
    exec("UPDATE events SET body = ?, hash = ? WHERE seq = 3", forged, sha256(row.prev_hash, forged));
    expect(verifyLog(s.database).firstBroken).toMatchObject({
      seq: 4,
      reason: expect.stringMatching(/does not link/),
    });
  });

  it("names an event whose hash was edited", () => {
    exec("UPDATE events SET hash = ? WHERE seq = 5", "f".repeat(64));
    expect(verifyLog(s.database).firstBroken).toMatchObject({
      seq: 5,
      reason: expect.stringMatching(/hash does not match/),
    });
  });

  it("names a deleted event by the gap it leaves", () => {
    exec("DELETE FROM events WHERE seq = 4");
    expect(verifyLog(s.database).firstBroken).toEqual({
      seq: 4,
      id: null,
      reason: "event 4 missing: sequence jumps from 3 to 5 (deleted?)",
    });
  });

  it("names a deleted first event", () => {
    exec("DELETE FROM events WHERE seq = 1");
    expect(verifyLog(s.database).firstBroken).toMatchObject({
      seq: 1,
      reason: expect.stringMatching(/event 1 missing/),
    });
  });

  it("names a deleted event even when the later ones were renumbered to close the gap", () => {
    exec("DELETE FROM events WHERE seq = 6");
    exec("UPDATE events SET seq = seq + 1000 WHERE seq > 6");
    exec("UPDATE events SET seq = seq - 1001 WHERE seq > 1000");
    expect(verifyLog(s.database).firstBroken).toMatchObject({
      seq: 6,
      reason: expect.stringMatching(/does not link/),
    });
  });

  it("names the first of two events whose order was swapped", () => {
    exec("UPDATE events SET seq = -1 WHERE seq = 3");
    exec("UPDATE events SET seq = 3 WHERE seq = 9");
    exec("UPDATE events SET seq = 9 WHERE seq = -1");
    expect(verifyLog(s.database).firstBroken).toMatchObject({
      seq: 3,
      reason: expect.stringMatching(/does not link/),
    });
  });

  it("names a forged event appended at the end without the right hash", () => {
    const last = all()[10] as Stored;
    const body = last.body.replace('"seq":11', '"seq":12');
    exec(
      "INSERT INTO events (seq, id, ts, kind, run_id, case_id, node, idem_key, body, prev_hash, hash) VALUES (12, 'forged', 0, 'case.ended', 'run-1', 'case-2', 'end', 'forged', ?, ?, ?)",
      body,
      last.hash,
      "a".repeat(64),
    );
    expect(verifyLog(s.database).firstBroken).toMatchObject({ seq: 12, id: "forged" });
  });

  it("names the event after a forged one inserted mid-log with a correct hash", () => {
    const rows = all();
    const fourth = rows[3] as Stored;
    exec("UPDATE events SET seq = seq + 1000 WHERE seq >= 5");
    exec("UPDATE events SET seq = seq - 999 WHERE seq > 1000");
    const forged = `{"actor":{"id":"mallory","role":"worker","type":"agent"},"caseId":"case-1","id":"forged","kind":"case.ended","node":null,"payload":{},"runId":"run-1","seq":5,"ts":0}`;
    exec(
      "INSERT INTO events (seq, id, ts, kind, run_id, case_id, node, idem_key, body, prev_hash, hash) VALUES (5, 'forged', 0, 'case.ended', 'run-1', 'case-1', NULL, 'forged', ?, ?, ?)",
      forged,
      fourth.hash,
      sha256(fourth.hash, forged),
    );
    expect(verifyLog(s.database).firstBroken).toMatchObject({
      seq: 6,
      reason: expect.stringMatching(/does not link/),
    });
  });

  it("names an event whose indexed columns no longer match its hashed body", () => {
    exec("UPDATE events SET case_id = 'case-9' WHERE seq = 7");
    expect(verifyLog(s.database).firstBroken).toMatchObject({
      seq: 7,
      reason: expect.stringMatching(/caseId column \("case-9"\) differs from the hashed body \("case-2"\)/),
    });
    exec("UPDATE events SET case_id = 'case-2' WHERE seq = 7");
    exec("UPDATE events SET ts = ts + 1 WHERE seq = 2");
    expect(verifyLog(s.database).firstBroken).toMatchObject({
      seq: 2,
      reason: expect.stringMatching(/ts column/),
    });
  });

  it("reports progress while streaming", () => {
    const seen: number[] = [];
    verifyLog(s.database, { onProgress: (n) => seen.push(n) });
    expect(seen.at(-1)).toBe(11);
  });

  it("verifies an empty log", () => {
    s.database.sqlite.exec("DELETE FROM events");
    expect(verifyLog(s.database)).toEqual({ ok: true, checked: 0, lastSeq: 0, headHash: "0".repeat(64) });
  });
});
