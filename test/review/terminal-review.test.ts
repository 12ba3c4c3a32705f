import { describe, expect, it } from "vitest";
import { claimCase } from "../../src/review/claims.js";
import { getQueueItem, listQueue } from "../../src/review/queue.js";
import { type Prompter, type ReviewAction, reviewInTerminal } from "../../src/review/terminal-review.js";
import { query } from "../helpers/db.js";
import { ESCALATING, setupQueue } from "./setup.js";

const alice = { name: "alice", role: "reviewer" } as const;

/** A prompter that answers from a script (an action and, for accept/reject, a reason) and keeps what it was shown. */
function scriptedPrompter(answers: Array<[ReviewAction, (string | undefined)?]>) {
  const shown: string[] = [];
  const warnings: string[] = [];
  let reason: string | undefined;
  const prompter: Prompter = {
    intro: () => {},
    outro: () => {},
    show: (lines) => shown.push(lines.join("\n")),
    warn: (text) => warnings.push(text),
    choose: async () => {
      const [action, why] = answers.shift() ?? ["quit"];
      reason = why;
      return action;
    },
    reason: async () => reason,
    working: () => ({ done: () => {} }),
  };
  return { prompter, shown, warnings };
}

async function setupTerminal() {
  const queue = await setupQueue([
    { id: "critical", input: ESCALATING.critical },
    { id: "high", input: ESCALATING.high },
    { id: "unsure", input: ESCALATING.unsure },
  ]);
  const options = {
    log: queue.log,
    database: queue.database,
    reviewer: alice,
    authenticatedBy: "os-user:alice",
    workflow: queue.workflow,
  };
  return { ...queue, options };
}

describe("the terminal review", () => {
  it("decides, skips and quits as the reviewer answers, resuming decided runs and releasing the rest", async () => {
    const { database, ids, db, options } = await setupTerminal();
    const { prompter, shown } = scriptedPrompter([["reject", "a is right"], ["skip"], ["quit"]]);
    const summary = await reviewInTerminal(listQueue(database), prompter, options);
    expect(summary.decided).toEqual([{ caseId: ids["critical"], decision: "reject", outcome: "rejected" }]);
    expect(summary.skipped).toEqual([ids["high"], ids["unsure"]]);
    expect(shown).toHaveLength(3);
    expect(shown[0]).toContain("critical  [critical]  scripted v1");
    expect(query(db, "select reviewer, decision, reason from human_decisions")).toEqual([
      { reviewer: "alice", decision: "reject", reason: "a is right" },
    ]);
    expect(getQueueItem(database, ids["high"] ?? "")?.state).toBe("pending");
    expect(getQueueItem(database, ids["unsure"] ?? "")?.state).toBe("pending");
  });

  it("passes over a case another reviewer holds, and says so", async () => {
    const { database, ids, log, options } = await setupTerminal();
    claimCase(log, database, ids["critical"] ?? "", { name: "bob", role: "reviewer" });
    const { prompter, warnings } = scriptedPrompter([["accept", "fine"], ["quit"]]);
    const summary = await reviewInTerminal(listQueue(database), prompter, options);
    expect(warnings[0]).toMatch(/passed over .*claimed by bob/);
    expect(summary.decided).toEqual([{ caseId: ids["high"], decision: "accept", outcome: "accepted" }]);
  });

  it("releases the claim when the reviewer cancels the reason", async () => {
    const { database, ids, options } = await setupTerminal();
    const { prompter } = scriptedPrompter([["reject", undefined]]);
    const summary = await reviewInTerminal(listQueue(database), prompter, options);
    expect(summary).toEqual({ decided: [], skipped: [ids["critical"]] });
    expect(getQueueItem(database, ids["critical"] ?? "")?.state).toBe("pending");
  });
});
