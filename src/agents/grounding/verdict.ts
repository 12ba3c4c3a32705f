// Claim checks turned into findings and a verdict.
import type { Evidence } from "../../domain/evidence.js";
import type { FindingInput } from "../../domain/finding.js";
import type { VerdictInput } from "../../domain/verdict.js";
import { type CheckOptions, type ClaimCheck, checkClaim } from "./check-claim.js";
import { isStatement, splitClaims } from "./claims.js";
import { excerpt, indexEvidence } from "./passages.js";

/** Confidence of a fail: the evidence plainly lacks or contradicts a claim. */
export const FAIL_CONFIDENCE = 0.85;
/** Confidence of a pass, before its coverage is weighed in. */
export const PASS_CONFIDENCE = 0.7;

/** Every claim of an answer checked against the evidence. */
export function checkAnswer(
  answer: string,
  evidence: readonly Evidence[],
  options: CheckOptions,
): ClaimCheck[] {
  const index = indexEvidence(evidence);
  const checks = splitClaims(answer, options.question).map((claim) => checkClaim(claim, index, options));
  const [first] = checks;
  // An answer whose sentences only restate the question does not answer it.
  if (first !== undefined && options.question.trim() !== "" && checks.every(restatesQuestion)) {
    checks[0] = {
      ...first,
      problems: [
        ...first.problems,
        {
          ruleId: "grounding.restates-question",
          severity: "medium",
          detail: "only restates the question: it adds no answer",
        },
      ],
    };
  }
  return checks;
}

/** A statement adding no word or number to the question ("Option B" alone is an answer, not this). */
function restatesQuestion(check: ClaimCheck): boolean {
  const { claim } = check;
  if (claim.polarity !== undefined || check.added > 0) return false;
  return !claim.short || isStatement(claim.text);
}

/** The findings on one claim, each citing the closest passage. */
export function claimFindings(check: ClaimCheck): FindingInput[] {
  const { claim, passage } = check;
  const cited =
    passage === undefined ? "" : `; closest passage [${passage.evidenceId}]: "${excerpt(passage.text)}"`;
  return check.problems.map((problem) => ({
    ruleId: problem.ruleId,
    severity: problem.severity,
    message: `claim "${excerpt(claim.text, 160)}" ${problem.detail}${cited}`,
    location: { field: "answer", span: [claim.span[0], claim.span[1]] },
    evidenceIds: passage === undefined ? [] : [passage.evidenceId],
  }));
}

/** The deterministic verdict: fail on any unsupported claim, pass otherwise. */
export function deterministicVerdict(checks: readonly ClaimCheck[]): VerdictInput {
  const findings = checks.flatMap(claimFindings);
  const failed = checks.filter((check) => check.problems.length > 0).length;
  if (failed > 0) {
    return {
      decision: "fail",
      confidence: FAIL_CONFIDENCE,
      findings,
      rationale: `${failed} of ${checks.length} claim(s) not supported by the evidence`,
    };
  }
  const weakest = Math.min(...checks.map((check) => check.coverage));
  return {
    decision: "pass",
    confidence: Number((PASS_CONFIDENCE + 0.2 * weakest).toFixed(2)),
    findings: [],
    rationale: `all ${checks.length} claim(s) supported by the evidence`,
  };
}

/** A verdict that does not judge: nothing to check, or nothing to check against. */
export function abstainVerdict(ruleId: string, message: string): VerdictInput {
  return {
    decision: "abstain",
    confidence: 0,
    rationale: message,
    findings: [{ ruleId, severity: "medium", message, evidenceIds: [] }],
  };
}
