// Cross-examination: a re-run in a sandbox (the `reproduce.*` findings of another auditor) that
// contradicts what the report claims becomes a finding of the status monitor too.
import { type Finding, severityRank } from "../../domain/finding.js";
import type { Verdict } from "../../domain/verdict.js";
import { quote } from "./check-context.js";
import type { StatusClaim, StatusClaimKind } from "./claims.js";
import { type CheckKind, checkKinds } from "./command-kinds.js";

/** The rule id prefix of re-run findings (the sandbox's `reproduce()` auditor). */
export const REPRODUCE_PREFIX = "reproduce.";
export const RERUN_RULE = "status.claim-contradicted-by-rerun";
const CLAIM_CONTRADICTED = "reproduce.claim-contradicted";

const CLAIM_OF: Record<CheckKind, StatusClaimKind> = {
  tests: "tests-passed",
  build: "build-succeeded",
  typecheck: "typecheck-passed",
  lint: "lint-passed",
  deploy: "deployed",
};

/** The check kinds a re-run finding is about: from the commands it quotes, else its words. */
function rerunKinds(finding: Finding): CheckKind[] {
  const quoted = [...finding.message.matchAll(/`([^`]+)`/g)].flatMap((m) => checkKinds(m[1] ?? ""));
  if (quoted.length > 0) return [...new Set(quoted)];
  const text = finding.message.toLowerCase();
  const words: ReadonlyArray<[CheckKind, RegExp]> = [
    ["tests", /\btests?\b|\bpytest\b|\bvitest\b|\bjest\b/],
    ["build", /\bbuild\b|\bcompil/],
    ["typecheck", /\btypecheck|\btsc\b|\bmypy\b/],
    ["lint", /\blint|\beslint\b/],
    ["deploy", /\bdeploy/],
  ];
  const found = words.filter(([, pattern]) => pattern.test(text)).map(([kind]) => kind);
  return found.length > 0 ? found : [...new Set([...text.matchAll(/\S+/g)].flatMap((m) => checkKinds(m[0])))];
}

/**
 * Whether a re-run finding says a check failed where the worker says it passed: the sandbox's
 * `reproduce.claim-contradicted`, or any other `reproduce.*` finding of high severity or more
 * (`reproduce.outcome-differs` when the trace's exit 0 fails on re-run). A medium finding such as
 * a failed traced run that passes on re-run contradicts no passing claim.
 */
function contradicts(finding: Finding): boolean {
  if (!finding.ruleId.startsWith(REPRODUCE_PREFIX)) return false;
  return finding.ruleId === CLAIM_CONTRADICTED || severityRank(finding.severity) >= severityRank("high");
}

/**
 * `status.claim-contradicted-by-rerun` findings: one for each re-run finding of another auditor
 * that contradicts a check the report claims passed. It cites the re-run's evidence and the
 * verdict it came from.
 */
export function rerunContradictions(claims: readonly StatusClaim[], others: readonly Verdict[]): Finding[] {
  const findings: Finding[] = [];
  for (const verdict of others) {
    for (const rerun of verdict.findings) {
      if (!contradicts(rerun)) continue;
      const kinds = rerunKinds(rerun);
      const claim = claims.find((c) => kinds.some((k) => CLAIM_OF[k] === c.kind));
      if (claim === undefined) continue;
      findings.push({
        ruleId: RERUN_RULE,
        severity: severityRank(rerun.severity) >= severityRank("high") ? rerun.severity : "high",
        message: `the report says ${quote(claim.text)}, but ${verdict.auditor} re-ran it: ${quote(rerun.message)} (${rerun.ruleId})`,
        evidenceIds: [...new Set([...rerun.evidenceIds, `verdict:${verdict.auditor}@${verdict.round}`])],
      });
    }
  }
  return findings;
}
