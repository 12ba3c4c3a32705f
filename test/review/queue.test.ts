import { describe, expect, it } from "vitest";
import { claimCase, releaseCase } from "../../src/review/claims.js";
import { decideCase } from "../../src/review/decide.js";
import { getQueueItem, listQueue } from "../../src/review/queue.js";
import { query } from "../helpers/db.js";
import { ESCALATING, setupQueue } from "./setup.js";

const MINUTE = 60_000;
const alice = { name: "alice", role: "reviewer" } as const;
const bob = { name: "bob", role: "reviewer" } as const;
const vera = { name: "vera", role: "viewer" } as const;

describe("the review queue", () => {
  it("lists the escalated cases, highest finding severity first, and leaves settled cases out", async () => {
    const { database, ids } = await setupQueue([
      { id: "unsure", input: ESCALATING.unsure },
      { id: "fine", input: {} },
      { id: "critical", input: ESCALATING.critical },
      { id: "high", input: ESCALATING.high },
    ]);
    const items = listQueue(database);
    expect(items.map((i) => i.taskId)).toEqual(["critical", "high", "unsure"]);
    expect(items.map((i) => i.priority)).toEqual(["critical", "high", "info"]);
    expect(items.every((i) => i.state === "pending" && i.workflow === "scripted")).toBe(true);
    expect(getQueueItem(database, ids["fine"] ?? "")).toBeUndefined();
  });

  it("filters by workflow, minimum severity, age and state", async () => {
    const { database, ids, log } = await setupQueue([
      { id: "critical", input: ESCALATING.critical },
      { id: "unsure", input: ESCALATING.unsure },
    ]);
    expect(listQueue(database, { minSeverity: "high" }).map((i) => i.taskId)).toEqual(["critical"]);
    expect(listQueue(database, { workflow: "other" })).toEqual([]);
    expect(listQueue(database, { minAgeMinutes: 60 })).toEqual([]);
    expect(listQueue(database, { minAgeMinutes: 60 }, Date.now() + 61 * MINUTE)).toHaveLength(2);
    claimCase(log, database, ids["unsure"] ?? "", alice);
    expect(listQueue(database, { state: "claimed" }).map((i) => i.taskId)).toEqual(["unsure"]);
    expect(listQueue(database, { state: "pending" }).map((i) => i.taskId)).toEqual(["critical"]);
  });

  it("rejects a filter with an unknown state, naming the field", async () => {
    const { database } = await setupQueue([{ id: "unsure", input: ESCALATING.unsure }]);
    expect(() => listQueue(database, { state: "done" as never })).toThrow(/queue filter is invalid: state/);
  });
});

describe("claims", () => {
  it("keep a second reviewer off a claimed case until the claim lapses", async () => {
    const { database, ids, log } = await setupQueue([{ id: "c", input: ESCALATING.high }]);
    const caseId = ids["c"] ?? "";
    const now = Date.now();
    const claimed = claimCase(log, database, caseId, alice, { now, claimMinutes: 10 });
    expect(claimed.claim).toEqual({ reviewer: "alice", expiresAt: now + 10 * MINUTE });
    expect(() => claimCase(log, database, caseId, bob, { now: now + 5 * MINUTE })).toThrow(
      /claimed by alice until/,
    );
    const later = now + 11 * MINUTE;
    expect(getQueueItem(database, caseId, later)?.state).toBe("pending");
    expect(claimCase(log, database, caseId, bob, { now: later }).claim?.reviewer).toBe("bob");
  });

  it("can be released by their holder, and are recorded as events with the human actor", async () => {
    const { database, ids, log, db } = await setupQueue([{ id: "c", input: ESCALATING.high }]);
    const caseId = ids["c"] ?? "";
    claimCase(log, database, caseId, alice, { authenticatedBy: "token" });
    releaseCase(log, database, caseId, bob);
    expect(getQueueItem(database, caseId)?.claim?.reviewer).toBe("alice");
    releaseCase(log, database, caseId, alice);
    expect(getQueueItem(database, caseId)?.state).toBe("pending");
    const rows = query<{ kind: string; body: string }>(
      db,
      "select kind, body from events where case_id = ? and kind like 'escalation.%' order by seq",
      caseId,
    );
    expect(rows.map((r) => r.kind)).toEqual([
      "escalation.opened",
      "escalation.claimed",
      "escalation.released",
    ]);
    expect(JSON.parse(rows[1]?.body ?? "{}").actor).toEqual({
      type: "human",
      id: "alice",
      role: "reviewer",
      authenticatedBy: "token",
    });
  });

  it("are refused to a viewer", async () => {
    const { database, ids, log } = await setupQueue([{ id: "c", input: ESCALATING.high }]);
    expect(() => claimCase(log, database, ids["c"] ?? "", vera)).toThrow(
      /vera is a viewer and may not claim/,
    );
  });
});

describe("deciding from the queue", () => {
  it("records the authenticated reviewer and resumes the paused run to its end", async () => {
    const { database, ids, log, workflow, db } = await setupQueue([{ id: "c", input: ESCALATING.high }]);
    const caseId = ids["c"] ?? "";
    claimCase(log, database, caseId, alice);
    const result = await decideCase(
      log,
      database,
      caseId,
      alice,
      { decision: "reject", reason: "a's finding holds" },
      { workflow, authenticatedBy: "token" },
    );
    expect(result.outcome).toBe("rejected");
    expect(result.decidedBy).toBe("human");
    expect(getQueueItem(database, caseId)?.state).toBe("resumed");
    expect(query(db, "select status, decided_by from cases where id = ?", caseId)).toEqual([
      { status: "rejected", decided_by: "human" },
    ]);
    const decision = query<{ body: string }>(
      db,
      "select body from events where case_id = ? and kind = 'human.decision'",
      caseId,
    );
    const body = JSON.parse(decision[0]?.body ?? "{}");
    expect(body.actor).toMatchObject({ type: "human", id: "alice", authenticatedBy: "token" });
    expect(body.payload.decision).toMatchObject({
      reviewer: "alice",
      decision: "reject",
      reason: "a's finding holds",
    });
  });

  it("needs a live claim: none, a lapsed one, or someone else's is refused and nothing is recorded", async () => {
    const { database, ids, log, workflow, db } = await setupQueue([{ id: "c", input: ESCALATING.high }]);
    const caseId = ids["c"] ?? "";
    const accept = { decision: "accept", reason: "fine" } as const;
    await expect(decideCase(log, database, caseId, alice, accept, { workflow })).rejects.toThrow(
      /alice holds no claim on case .*claim the case again/,
    );
    const now = Date.now();
    claimCase(log, database, caseId, alice, { now, claimMinutes: 1 });
    await expect(decideCase(log, database, caseId, bob, accept, { workflow, now })).rejects.toThrow(
      /claimed by alice/,
    );
    await expect(
      decideCase(log, database, caseId, alice, accept, { workflow, now: now + 2 * MINUTE }),
    ).rejects.toMatchObject({ code: "CLAIM_REQUIRED" });
    expect(query(db, "select count(*) as n from human_decisions")).toEqual([{ n: 0 }]);
  });

  it("keeps crosscheck decide (workflow.decide) off a case another reviewer has claimed", async () => {
    const { database, ids, log, workflow, db } = await setupQueue([{ id: "c", input: ESCALATING.high }]);
    const caseId = ids["c"] ?? "";
    claimCase(log, database, caseId, alice);
    const loaded = await workflow(caseId);
    await expect(
      loaded.decide(caseId, { decision: "accept", reviewer: "bob", reason: "mine" }, { db }),
    ).rejects.toMatchObject({
      code: "CASE_CLAIMED",
      message: expect.stringMatching(/claimed by alice until/),
    });
    const result = await loaded.decide(
      caseId,
      { decision: "reject", reviewer: "alice", reason: "mine" },
      { db },
    );
    expect(result.outcome).toBe("rejected");
  });

  it("lets exactly one decision through: a second one is ALREADY_DECIDED", async () => {
    const { database, ids, log, workflow } = await setupQueue([{ id: "c", input: ESCALATING.high }]);
    const caseId = ids["c"] ?? "";
    claimCase(log, database, caseId, alice);
    await decideCase(log, database, caseId, alice, { decision: "accept", reason: "ok" }, { workflow });
    await expect(
      decideCase(
        log,
        database,
        caseId,
        alice,
        { decision: "reject", reason: "changed my mind" },
        { workflow },
      ),
    ).rejects.toMatchObject({
      code: "ALREADY_DECIDED",
      message: expect.stringMatching(/already decided by alice/),
    });
  });

  it("refuses a viewer and a decision without a reason", async () => {
    const { database, ids, log, workflow } = await setupQueue([{ id: "c", input: ESCALATING.high }]);
    const caseId = ids["c"] ?? "";
    await expect(
      decideCase(log, database, caseId, vera, { decision: "accept", reason: "ok" }, { workflow }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    claimCase(log, database, caseId, alice);
    await expect(
      decideCase(log, database, caseId, alice, { decision: "reject", reason: "  " }, { workflow }),
    ).rejects.toThrow(/decision is invalid: reason: a reason is required/);
  });
});
