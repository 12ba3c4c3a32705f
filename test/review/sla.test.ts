import { describe, expect, it } from "vitest";
import { claimCase } from "../../src/review/claims.js";
import { getQueueItem, listQueue } from "../../src/review/queue.js";
import { sweepSla } from "../../src/review/sla.js";
import { query } from "../helpers/db.js";
import { ESCALATING, setupQueue } from "./setup.js";

const MINUTE = 60_000;
const alice = { name: "alice", role: "reviewer" } as const;

describe("the SLA of an escalation", () => {
  it("sets the due time and the claim length from the workflow's escalation options", async () => {
    const before = Date.now();
    const { database, ids, log } = await setupQueue([{ id: "c", input: ESCALATING.high }], {
      workflow: "test/review/fixtures/sla-flag.ts",
    });
    const item = getQueueItem(database, ids["c"] ?? "");
    expect(item?.dueAt).toBeGreaterThanOrEqual(before + 60 * MINUTE);
    expect(item?.dueAt).toBeLessThanOrEqual(Date.now() + 60 * MINUTE);
    const now = Date.now();
    expect(claimCase(log, database, ids["c"] ?? "", alice, { now }).claim?.expiresAt).toBe(now + 5 * MINUTE);
  });

  it("flags an overdue case once, as expired in the queue, and leaves it waiting", async () => {
    const { database, ids, log, workflow, db } = await setupQueue([{ id: "c", input: ESCALATING.high }], {
      workflow: "test/review/fixtures/sla-flag.ts",
    });
    const caseId = ids["c"] ?? "";
    const later = Date.now() + 61 * MINUTE;
    expect(await sweepSla(log, database, { now: Date.now(), workflow })).toEqual({
      flagged: [],
      rejected: [],
      failed: [],
    });
    expect(await sweepSla(log, database, { now: later, workflow })).toEqual({
      flagged: [caseId],
      rejected: [],
      failed: [],
    });
    expect(await sweepSla(log, database, { now: later, workflow })).toEqual({
      flagged: [],
      rejected: [],
      failed: [],
    });
    expect(listQueue(database, { state: "expired" }, later).map((i) => i.caseId)).toEqual([caseId]);
    expect(query(db, "select count(*) as n from events where kind = 'escalation.breached'")).toEqual([
      { n: 1 },
    ]);
  });

  it("rejects an overdue case as the system and resumes its run, when the workflow says so", async () => {
    const { database, ids, log, workflow, db } = await setupQueue([{ id: "c", input: ESCALATING.high }], {
      workflow: "test/review/fixtures/sla-reject.ts",
    });
    const caseId = ids["c"] ?? "";
    const sweep = await sweepSla(log, database, { now: Date.now() + 61 * MINUTE, workflow });
    expect(sweep).toEqual({ flagged: [], rejected: [caseId], failed: [] });
    expect(query(db, "select status, decided_by from cases where id = ?", caseId)).toEqual([
      { status: "rejected", decided_by: "human" },
    ]);
    const decision = query<{ body: string }>(db, "select body from events where kind = 'human.decision'");
    expect(JSON.parse(decision[0]?.body ?? "{}").actor).toEqual({
      type: "system",
      id: "crosscheck",
      role: "sla",
    });
    expect(getQueueItem(database, caseId)?.state).toBe("resumed");
  });
});
