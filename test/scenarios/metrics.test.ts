import { describe, expect, it } from "vitest";
import { computeMetrics, percentile, ruleFamily } from "../../src/scenarios/metrics.js";
import type { CaseAttempt, CaseReport } from "../../src/scenarios/report.js";

function attempt(over: Partial<CaseAttempt> = {}): CaseAttempt {
  return {
    caseId: "c",
    runId: "r",
    outcome: "accepted",
    final: undefined,
    findings: [],
    durationMs: 10,
    modelCalls: 0,
    tokensIn: 0,
    tokensOut: 0,
    costUsd: 0,
    failures: [],
    account: undefined,
    ...over,
  };
}

function report(over: Partial<CaseReport> & { attempts: CaseAttempt[] }): CaseReport {
  return {
    suite: "s",
    name: "n",
    tags: [],
    status: "passed",
    expected: { outcome: "accepted", final: undefined, findings: [], absent: [] },
    spread: {},
    failures: [],
    ...over,
  };
}

const f = (ruleId: string, severity = "high") => ({ ruleId, severity, auditor: "x", message: "m" });

describe("scenario metrics", () => {
  it("names a rule's family by the id up to its last dot", () => {
    expect(ruleFamily("receipt.total-mismatch")).toBe("receipt");
    expect(ruleFamily("code.cwe.78")).toBe("code.cwe");
    expect(ruleFamily("plain")).toBe("plain");
  });

  it("takes the 95th percentile by nearest rank", () => {
    expect(percentile([5, 1, 3, 2, 4], 95)).toBe(5);
    expect(
      percentile(
        Array.from({ length: 20 }, (_, i) => i + 1),
        95,
      ),
    ).toBe(19);
    expect(percentile([], 95)).toBeUndefined();
  });

  it("computes accuracy over stable cases, and recall and false positives per family", () => {
    const cases = [
      // expects receipt.total and finds it, plus an unexpected high code.x finding.
      report({
        expected: { outcome: "rejected", final: undefined, findings: ["receipt.total"], absent: [] },
        attempts: [
          attempt({ outcome: "rejected", findings: [f("receipt.total"), f("code.x")], durationMs: 30 }),
        ],
      }),
      // expects receipt.total and receipt.date, finds only receipt.date; decision wrong.
      report({
        status: "failed",
        expected: {
          outcome: "rejected",
          final: undefined,
          findings: ["receipt.total", "receipt.date"],
          absent: [],
        },
        attempts: [attempt({ outcome: "accepted", findings: [f("receipt.date")], durationMs: 10 })],
      }),
      // expects nothing; an info-level receipt note is not a false positive, a medium one is.
      report({
        attempts: [
          attempt({ findings: [f("receipt.known", "info")], durationMs: 20 }),
          attempt({ findings: [f("receipt.odd", "medium")], durationMs: 40, outcome: "escalated" }),
        ],
        status: "unstable",
      }),
    ];
    const m = computeMetrics(cases);
    expect(m).toMatchObject({ cases: 3, passed: 1, failed: 1, unstable: 1 });
    expect(m.decisionAccuracy).toBe(0.5); // 1 of 2 stable cases
    expect(m.families["receipt"]).toEqual({
      recall: 2 / 3,
      expected: 3,
      found: 2,
      falsePositiveRate: 1 / 2, // case 3's two attempts expected no receipt finding; one had a medium one
      falsePositives: 1,
      negatives: 2,
    });
    expect(m.families["code"]).toEqual({
      recall: undefined,
      expected: 0,
      found: 0,
      falsePositiveRate: 1 / 4, // 4 attempts expected no code finding; case 1's had one
      falsePositives: 1,
      negatives: 4,
    });
    expect(m.escalationRate).toBe(1 / 4);
    expect(m.durationMs).toEqual({ mean: 25, p95: 40 });
  });

  it("sums model calls, tokens and cost over attempts", () => {
    const m = computeMetrics([
      report({ attempts: [attempt({ modelCalls: 2, tokensIn: 100, tokensOut: 20, costUsd: 0.01 })] }),
      report({ attempts: [attempt({ modelCalls: 1, tokensIn: 50, tokensOut: 5, costUsd: 0.002 })] }),
    ]);
    expect(m).toMatchObject({ modelCalls: 3, tokensIn: 150, tokensOut: 25 });
    expect(m.costUsd).toBeCloseTo(0.012, 10);
  });

  it("leaves rates undefined rather than dividing by zero", () => {
    const m = computeMetrics([]);
    expect(m.decisionAccuracy).toBeUndefined();
    expect(m.escalationRate).toBeUndefined();
    expect(m.durationMs).toEqual({ mean: undefined, p95: undefined });
  });
});
