import { describe, expect, it } from "vitest";
import { defineAuditor } from "../../../src/agents/auditor.js";
import { confirmedReviewer } from "../../../src/agents/code-review/confirm.js";
import { codeSecurity } from "../../../src/agents/code-security/auditor.js";
import { auditInputOf, auditorContract } from "../auditor-contract.js";

/** A scripted model reviewer that reports the given findings and fails. */
function scriptedReviewer(findings: { ruleId: string; line: number; severity: "high" | "critical" }[]) {
  return defineAuditor({
    name: "model-reviewer",
    model: "scripted",
    audit: () => ({
      decision: "fail",
      confidence: 0.7,
      findings: findings.map((f) => ({
        ruleId: f.ruleId,
        severity: f.severity,
        message: "looks unsafe",
        location: { file: "a.py", line: f.line },
      })),
      rationale: "scripted",
    }),
  });
}

const content = {
  files: [{ path: "a.py", content: "import os\n\ndef f(cmd):\n    os.system(cmd + ' -v')\n" }],
};

auditorContract("confirmedReviewer", () => confirmedReviewer(scriptedReviewer([]), { by: [codeSecurity()] }));

describe("confirmedReviewer", () => {
  it("keeps a model finding that a deterministic auditor confirms nearby", async () => {
    const reviewer = confirmedReviewer(
      scriptedReviewer([{ ruleId: "code.cwe-78", line: 4, severity: "critical" }]),
      { by: [codeSecurity()] },
    );
    const verdict = await reviewer.audit(auditInputOf(content), { signal: new AbortController().signal });
    expect([verdict.decision, verdict.findings?.[0]?.severity, verdict.findings?.[0]?.message]).toEqual([
      "fail",
      "critical",
      "confirmed: looks unsafe",
    ]);
  });

  it("lowers an unconfirmed model finding to low and does not fail on it", async () => {
    const reviewer = confirmedReviewer(
      scriptedReviewer([{ ruleId: "code.cwe-89", line: 2, severity: "high" }]),
      { by: [codeSecurity()] },
    );
    const verdict = await reviewer.audit(auditInputOf(content), { signal: new AbortController().signal });
    expect([verdict.decision, verdict.findings?.[0]?.severity, verdict.findings?.[0]?.message]).toEqual([
      "pass",
      "low",
      "unconfirmed: looks unsafe",
    ]);
  });
});
