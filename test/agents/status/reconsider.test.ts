import { describe, expect, it } from "vitest";
import { defineAuditor } from "../../../src/agents/auditor.js";
import { extractClaims } from "../../../src/agents/status/claims.js";
import { statusMonitor } from "../../../src/agents/status/monitor.js";
import { rerunContradictions } from "../../../src/agents/status/reconsider.js";
import type { Finding } from "../../../src/domain/finding.js";
import type { Verdict } from "../../../src/domain/verdict.js";
import { anyCriticalBlocks, firstOf, unanimous } from "../../../src/graph/consensus.js";
import { defineWorkflow } from "../../../src/graph/define-workflow.js";
import { tempDb } from "../../helpers/temp.js";
import { command } from "./setup.js";

const RERUN: Finding = {
  ruleId: "reproduce.claim-contradicted",
  severity: "high",
  message: "`npm test` exited 1 when re-run in the sandbox; the trace recorded exit 0",
  evidenceIds: ["reproduce:npm-test"],
};

/** A stand-in for the sandbox's reproduce() auditor: re-runs nothing, reports what it is given. */
function fakeReproduce(findings: Finding[]) {
  return defineAuditor({
    name: "reproduce",
    audit: () => ({ decision: findings.length > 0 ? "fail" : "pass", confidence: 0.9, findings }),
  });
}

const verdictOf = (auditor: string, findings: Finding[]): Verdict => ({
  auditor,
  round: 0,
  decision: "fail",
  confidence: 0.9,
  findings,
  rationale: "",
});

describe("statusMonitor.reconsider", () => {
  it("adopts a re-run that contradicts a claim the trace alone supports", async () => {
    const workflow = defineWorkflow({
      name: "rerun",
      worker: function unused() {
        return { content: null };
      },
      auditors: [statusMonitor(), fakeReproduce([RERUN])],
      consensus: firstOf(anyCriticalBlocks({ severity: "high" }), unanimous()),
    });
    const result = await workflow.run(
      {
        input: { goal: "fix the parser" },
        output: { content: null, status: "All tests pass." },
        trace: [command("e1", "npm test", 0, "Tests  12 passed (12)")],
      },
      { db: tempDb() },
    );
    const monitor = result.verdicts.find((v) => v.auditor === "status-monitor");
    expect(monitor?.round).toBe(1);
    expect(monitor?.decision).toBe("fail");
    expect(monitor?.findings).toEqual([
      {
        ruleId: "status.claim-contradicted-by-rerun",
        severity: "high",
        message:
          'the report says "All tests pass.", but reproduce re-ran it: "`npm test` exited 1 when re-run in the sandbox; the trace recorded exit 0" (reproduce.claim-contradicted)',
        evidenceIds: ["reproduce:npm-test", "verdict:reproduce@0"],
      },
    ]);
    expect(result.outcome).toBe("rejected");
  });

  it("ignores other rule families, re-runs that contradict no passing claim, and checks the report does not claim", () => {
    const claims = extractClaims("The build succeeds.");
    const others = [
      verdictOf("reproduce", [
        RERUN,
        { ...RERUN, ruleId: "reproduce.unavailable", severity: "info", message: "no sandbox" },
        {
          ...RERUN,
          ruleId: "reproduce.outcome-differs",
          severity: "medium",
          message: "`npm run build` exited 2 in the trace, but exits 0 when re-run",
        },
      ]),
      verdictOf("code-security", [{ ...RERUN, ruleId: "code.cwe-78" }]),
    ];
    expect(rerunContradictions(claims, others)).toEqual([]);
  });

  it("matches a re-run to the claim by the command it quotes", () => {
    const claims = extractClaims("Build is green and all tests pass.");
    const build = { ...RERUN, message: "`npm run build` exited 2 on re-run", evidenceIds: [] };
    expect(rerunContradictions(claims, [verdictOf("reproduce", [build])]).map((f) => f.message)).toEqual([
      'the report says "Build is green and all tests pass.", but reproduce re-ran it: "`npm run build` exited 2 on re-run" (reproduce.claim-contradicted)',
    ]);
  });
});
