import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getRunAccount } from "../../src/audit/queries.js";
import { VerdictSchema } from "../../src/domain/verdict.js";
import { decideWith } from "../../src/graph/consensus/policy.js";
import { latestVerdicts } from "../../src/graph/consensus/tally.js";
import { weighted } from "../../src/graph/consensus/weighted.js";
import { claimCase } from "../../src/review/claims.js";
import { decideCase } from "../../src/review/decide.js";
import { ledgerWeights } from "../../src/review/ledger-weights.js";
import { cli, cliProcess } from "../helpers/cli.js";
import { tempDb, tempDir } from "../helpers/temp.js";
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

  it("reads the ledger of the database given with --db when a workflow module asks for weights", async () => {
    const { db } = await setup();
    const tasks = path.join(tempDir(), "tasks.jsonl");
    fs.writeFileSync(tasks, `${JSON.stringify({ id: "four", input: ESCALATING.high })}\n`);
    const fixture = "test/fixtures/workflows/ledger-weighted.ts";
    // Child processes: the module reads the weights once, when it is imported.
    const run = async (database: string) =>
      cliProcess(["--db", database, "--json", "run", fixture, "--input", tasks], {
        env: { CROSSCHECK_DB: undefined },
      }).done;
    // This database's history: a agreed with the human twice, b never, so a's fail outweighs b's pass.
    const proven = await run(db);
    expect(JSON.parse(proven.stdout)).toMatchObject({ taskId: "four", outcome: "rejected" });
    // A database with no history: equal weights, a split vote.
    const fresh = await run(tempDb());
    expect(JSON.parse(fresh.stdout)).toMatchObject({ taskId: "four", outcome: "escalated" });
  });

  it("leaves CROSSCHECK_DB as it was after an in-process command", async () => {
    const before = process.env["CROSSCHECK_DB"];
    await cli(["--db", tempDb(), "review", "--list"]);
    expect(process.env["CROSSCHECK_DB"]).toBe(before);
  });
});
