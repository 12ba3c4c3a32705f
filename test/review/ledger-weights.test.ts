import { describe, expect, it } from "vitest";
import { getRunAccount } from "../../src/audit/queries.js";
import { VerdictSchema } from "../../src/domain/verdict.js";
import { decideWith } from "../../src/graph/consensus/policy.js";
import { latestVerdicts } from "../../src/graph/consensus/tally.js";
import { weighted } from "../../src/graph/consensus/weighted.js";
import { claimCase } from "../../src/review/claims.js";
import { decideCase } from "../../src/review/decide.js";
import { ledgerWeights } from "../../src/review/ledger-weights.js";
import { tempDb } from "../helpers/temp.js";
import { ESCALATING, setupQueue } from "./setup.js";

const alice = { name: "alice", role: "reviewer" } as const;

/**
 * Three escalated cases where a fails, b passes and c abstains; alice rejects the first two, so
 * a agreed with her 2 times out of 2, b 0 out of 2, and c never voted. The third case waits.
 */
async function setup() {
  const queue = await setupQueue([
    { id: "one", input: ESCALATING.high },
    { id: "two", input: ESCALATING.high },
    { id: "three", input: ESCALATING.high },
  ]);
  const { database, ids, log, workflow } = queue;
  for (const task of ["one", "two"]) {
    const caseId = ids[task] ?? "";
    claimCase(log, database, caseId, alice);
    await decideCase(
      log,
      database,
      caseId,
      alice,
      { decision: "reject", reason: "a was right" },
      { workflow },
    );
  }
  const waiting = getRunAccount(database, ids["three"] ?? "").cases[0]?.verdicts ?? [];
  const verdicts = latestVerdicts(
    waiting.map((v) => VerdictSchema.parse({ ...v, findings: [], rationale: v.rationale ?? "" })),
  );
  return { ...queue, verdicts };
}

describe("weights from the auditor ledger", () => {
  it("keeps the default weight below minDecisions, then weighs by agreement (50% = default)", async () => {
    const { db, database } = await setup();
    expect(ledgerWeights({ db: database, minDecisions: 3 })).toEqual({});
    // a: 2 of 2 agreed -> 2 x 1.0; b: 0 of 2 -> 0; c abstained, so it has no decided case.
    expect(ledgerWeights({ db: database, minDecisions: 2 })).toEqual({ a: 2, b: 0 });
    expect(ledgerWeights({ db, minDecisions: 1, defaultWeight: 0.5 })).toEqual({ a: 1, b: 0 });
  });

  it("changes the outcome of a waiting case once the auditors have a record", async () => {
    const { database, verdicts } = await setup();
    expect(verdicts.map((v) => `${v.auditor}:${v.decision}`).sort()).toEqual([
      "a:fail",
      "b:pass",
      "c:abstain",
    ]);
    const unproven = weighted(ledgerWeights({ db: database, minDecisions: 3 }));
    expect(decideWith(unproven, verdicts).outcome).toBe("escalated");
    const proven = weighted(ledgerWeights({ db: database, minDecisions: 2 }));
    const decision = decideWith(proven, verdicts);
    expect(decision.outcome).toBe("rejected");
    expect(decision.reasons).toContain("weights: a=2 (fail), b=0 (pass), c=1 (abstained, not counted)");
  });

  it("gives every auditor the default weight when the log does not exist yet, and refuses a bad minDecisions", () => {
    expect(ledgerWeights({ db: `${tempDb()}.missing`, minDecisions: 5 })).toEqual({});
    expect(() => ledgerWeights({ db: tempDb(), minDecisions: 0 })).toThrow(
      /ledgerWeights: options.minDecisions is 0; options.minDecisions must be an integer >= 1/,
    );
  });
});
