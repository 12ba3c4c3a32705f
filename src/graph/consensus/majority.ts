import type { Verdict } from "../../domain/verdict.js";
import type { ConsensusPolicy } from "./policy.js";
import { assertOneVerdictPerAuditor, escalateWithoutVotes, tally, tallyLine } from "./tally.js";

/**
 * One auditor, one vote: more pass than fail -> accepted, more fail than pass -> rejected, a
 * tie -> escalated. Abstentions are not counted; if everyone abstained (or no verdicts),
 * escalated.
 */
export function majority(): ConsensusPolicy {
  const name = "majority";
  return {
    name,
    decide(verdicts: readonly Verdict[]) {
      assertOneVerdictPerAuditor(name, verdicts);
      const counts = tally(verdicts);
      const silent = escalateWithoutVotes(name, counts);
      if (silent !== undefined) return silent;
      const passes = counts.pass.length;
      const fails = counts.fail.length;
      const voters = passes + fails;
      if (passes > fails) {
        return {
          outcome: "accepted",
          policy: name,
          reasons: [`${passes} of ${voters} non-abstaining auditors passed`, tallyLine(counts)],
        };
      }
      if (fails > passes) {
        return {
          outcome: "rejected",
          policy: name,
          reasons: [`${fails} of ${voters} non-abstaining auditors failed`, tallyLine(counts)],
        };
      }
      return {
        outcome: "escalated",
        policy: name,
        reasons: [`tie: ${passes} pass to ${fails} fail`, tallyLine(counts)],
      };
    },
  };
}
