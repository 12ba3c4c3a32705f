import type { Verdict } from "../../domain/verdict.js";
import type { ConsensusPolicy } from "./policy.js";
import { assertOneVerdictPerAuditor, escalateWithoutVotes, tally, tallyLine } from "./tally.js";

/**
 * Every auditor that voted must agree: all non-abstaining pass -> accepted, all fail ->
 * rejected, a split -> escalated. Abstentions are not counted; if everyone abstained (or no
 * verdicts), escalated.
 */
export function unanimous(): ConsensusPolicy {
  const name = "unanimous";
  return {
    name,
    decide(verdicts: readonly Verdict[]) {
      assertOneVerdictPerAuditor(name, verdicts);
      const counts = tally(verdicts);
      const silent = escalateWithoutVotes(name, counts);
      if (silent !== undefined) return silent;
      const voters = counts.pass.length + counts.fail.length;
      if (counts.fail.length === 0) {
        return {
          outcome: "accepted",
          policy: name,
          reasons: [`all ${voters} non-abstaining auditors passed`, tallyLine(counts)],
        };
      }
      if (counts.pass.length === 0) {
        return {
          outcome: "rejected",
          policy: name,
          reasons: [`all ${voters} non-abstaining auditors failed`, tallyLine(counts)],
        };
      }
      return {
        outcome: "escalated",
        policy: name,
        reasons: [
          `auditors split ${counts.pass.length} pass to ${counts.fail.length} fail; unanimity is required`,
          tallyLine(counts),
        ],
      };
    },
  };
}
