import type { Decision } from "../../domain/decision.js";
import type { Verdict } from "../../domain/verdict.js";
import type { ConsensusPolicy } from "./policy.js";
import { assertOneVerdictPerAuditor, invalidArgument } from "./tally.js";

/**
 * A gate: any pass or fail verdict with confidence below `min` escalates, so an unsure vote
 * never decides a case. Abstentions are ignored. Otherwise it defers, also when there are no
 * verdicts or all abstained, so the next policy of a `firstOf` decides.
 */
export function minConfidence(min: number): ConsensusPolicy {
  if (typeof min !== "number" || !(min >= 0 && min <= 1)) {
    throw invalidArgument("minConfidence", "min", min, "a number in [0, 1]");
  }
  const name = `minConfidence(${min})`;

  return {
    name,
    decide(verdicts: readonly Verdict[]): Decision | undefined {
      assertOneVerdictPerAuditor(name, verdicts);
      const unsure = verdicts.filter((v) => v.decision !== "abstain" && v.confidence < min);
      if (unsure.length === 0) return undefined;
      const voters = verdicts.filter((v) => v.decision !== "abstain").length;
      return {
        outcome: "escalated",
        policy: name,
        reasons: [
          `${unsure.length} of ${voters} non-abstaining auditors are below confidence ${min}`,
          ...unsure.map((v) => `${v.auditor} (${v.decision}) has confidence ${v.confidence}`),
        ],
      };
    },
  };
}
