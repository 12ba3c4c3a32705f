import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getRunAccount } from "../../src/audit/queries.js";
import { renderRunAccount } from "../../src/audit/show.js";
import { isCrosscheckError } from "../../src/errors.js";
import { caseEvents, type LogSetup, runStarted, SYSTEM, setupLog, verdict } from "./setup.js";

describe("renderRunAccount", () => {
  let s: LogSetup;
  beforeEach(() => {
    s = setupLog();
    s.log.append([
      runStarted("run-1"),
      ...caseEvents("run-1", "c-ok", "accepted"),
      ...caseEvents("run-1", "c-esc", "escalated"),
      {
        kind: "crossexam.round",
        key: "x1",
        runId: "run-1",
        caseId: "c-esc",
        actor: SYSTEM,
        payload: { round: 1, disagreeing: ["tests", "trace"] },
      },
      verdict("run-1", "c-esc", "trace", "fail", 1),
    ]);
    s.log.claimDecision(
      "c-esc",
      { reviewer: "ana", decision: "reject", reason: "exit code 1 is real", at: Date.UTC(2025, 1, 1, 12) },
      { authenticatedBy: "os-user" },
    );
  });
  afterEach(() => s.close());

  it("tells what the worker said, what each auditor found, the decision and the human review", () => {
    const text = renderRunAccount(s.database, "run-1");
    expect(text).toContain("Run run-1 — workflow code-review 1.0.0");
    expect(text).toContain("2 cases");
    expect(text).toContain("Case c-ok — task task-c-ok (diff): ACCEPTED by consensus");
    expect(text).toContain("worker output: patched the parser");
    expect(text).toContain("worker says: all tests pass");
    expect(text).toContain("auditor trace: fail (confidence 0.90)");
    expect(text).toContain("- [high] trace.false-success: npm test exited 1");
    expect(text).toContain("auditor trace [round 1]: fail");
    expect(text).toContain("cross-examination round 1: disagreeing tests, trace");
    expect(text).toContain("decision (unanimous): escalated — auditors said escalated");
    expect(text).toContain(
      "escalated at 2025-01-31T09:00:00.011Z (high priority): auditors disagree; decided",
    );
    expect(text).toContain(
      "human decision: reject by ana (authenticated by os-user) at 2025-02-01T12:00:00.000Z: exit code 1 is real",
    );
  });

  it("shows only the case when given a case id", () => {
    const text = renderRunAccount(s.database, "c-esc");
    expect(text).toContain("Case c-esc");
    expect(text).not.toContain("Case c-ok");
    expect(getRunAccount(s.database, "c-esc")).toMatchObject({ focusCaseId: "c-esc", run: { id: "run-1" } });
  });

  it("escapes control characters an agent put in its output", () => {
    s.log.append([
      runStarted("run-2"),
      ...caseEvents("run-2", "evil", "accepted").map((e) =>
        e.kind === "worker.output"
          ? { ...e, payload: { ...e.payload, output: { content: "ok\u001b[2J\nfake line" } } }
          : e,
      ),
    ]);
    const text = renderRunAccount(s.database, "evil");
    expect(text).toContain("worker output: ok\\u001b[2J\\nfake line");
    expect(text).not.toContain("\u001b");
  });

  it("lists the most recent runs when the id is unknown", () => {
    try {
      renderRunAccount(s.database, "nope");
      expect.unreachable();
    } catch (error) {
      expect(isCrosscheckError(error) && error.code).toBe("CASE_NOT_FOUND");
      expect((error as Error).message).toMatch(/no run or case with id "nope".*most recent runs are: run-1/);
    }
  });
});
