import { describe, expect, it } from "vitest";
import { claimCase } from "../../src/review/claims.js";
import { decideCase } from "../../src/review/decide.js";
import { auditorLedger, cohenKappa, reviewerStats } from "../../src/review/ledger.js";
import { getQueueItem } from "../../src/review/queue.js";
import { ESCALATING, setupQueue } from "./setup.js";

const alice = { name: "alice", role: "reviewer" } as const;

describe("cohenKappa", () => {
  it("is 1 for perfect agreement, 0 for chance agreement, and 0.5 for this textbook table", () => {
    expect(
      cohenKappa([
        [true, true],
        [false, false],
      ]),
    ).toBe(1);
    expect(
      cohenKappa([
        [true, true],
        [true, false],
      ]),
    ).toBe(0);
    // observed 3/4, chance (2*1 + 2*3)/16 = 1/2: (0.75 - 0.5) / 0.5
    expect(
      cohenKappa([
        [true, true],
        [true, false],
        [false, false],
        [false, false],
      ]),
    ).toBe(0.5);
  });

  it("is undefined (null) with no pair or when both raters always say the same class", () => {
    expect(cohenKappa([])).toBeNull();
    expect(
      cohenKappa([
        [true, true],
        [true, true],
      ]),
    ).toBeNull();
  });
});

describe("the auditor ledger", () => {
  it("scores each auditor's latest verdict against the human decision, by rule family", async () => {
    const { database, ids, log, workflow } = await setupQueue([
      { id: "high", input: ESCALATING.high },
      { id: "critical", input: ESCALATING.critical },
    ]);
    for (const [task, decision] of [
      ["high", "reject"],
      ["critical", "accept"],
    ] as const) {
      const caseId = ids[task] ?? "";
      claimCase(log, database, caseId, alice);
      await decideCase(log, database, caseId, alice, { decision, reason: "checked" }, { workflow });
    }
    const ledger = Object.fromEntries(auditorLedger(database).map((r) => [r.auditor, r]));
    // a failed both: right on "high" (rejected), wrong on "critical" (accepted).
    expect(ledger["a"]).toMatchObject({ decided: 2, agreed: 1, abstained: 0, agreement: 0.5, kappa: 0 });
    expect(ledger["a"]?.families).toEqual([{ family: "test", upheld: 1, overturned: 1 }]);
    // b passed both: wrong on "high", right on "critical".
    expect(ledger["b"]).toMatchObject({ decided: 2, agreed: 1, agreement: 0.5, families: [] });
    // c abstained on both: counted apart, no agreement to speak of.
    expect(ledger["c"]).toMatchObject({ decided: 0, abstained: 2, agreement: null, kappa: null });
  });
});

describe("reviewer statistics", () => {
  it("count each reviewer's decisions and the median time the cases waited for them", async () => {
    const { database, ids, log, workflow } = await setupQueue([
      { id: "one", input: ESCALATING.high },
      { id: "two", input: ESCALATING.critical },
    ]);
    for (const [task, decision, minutes] of [
      ["one", "reject", 10],
      ["two", "accept", 20],
    ] as const) {
      const caseId = ids[task] ?? "";
      const now = (getQueueItem(database, caseId)?.createdAt ?? 0) + minutes * 60_000;
      claimCase(log, database, caseId, alice, { now });
      await decideCase(log, database, caseId, alice, { decision, reason: "checked" }, { workflow, now });
    }
    expect(reviewerStats(database)).toEqual([
      {
        reviewer: "alice",
        decisions: 2,
        accepted: 1,
        rejected: 1,
        medianMsToDecide: 15 * 60_000,
        secondReviewed: 0,
        overturned: 0,
        overturnRate: null,
        secondReviewsGiven: 0,
      },
    ]);
  });
});
