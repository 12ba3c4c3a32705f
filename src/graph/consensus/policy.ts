import type { Decision } from "../../domain/decision.js";
import { DecisionSchema } from "../../domain/decision.js";
import type { Verdict } from "../../domain/verdict.js";
import { CrosscheckError } from "../../errors.js";
import { tally, tallyLine } from "./tally.js";

/** The reason `decideWith` gives when its policy defers. */
export const NO_DECISION_REASON = "no policy reached a decision";

/**
 * Turns the verdicts of one case into a Decision, or defers (returns `undefined`) so the next
 * policy of a `firstOf` composition decides.
 *
 * Callers pass only the latest verdict per auditor: after cross-examination, each auditor's
 * verdict of its last round (see `latestVerdicts`). The built-in policies throw a
 * `WORKFLOW_INVALID` CrosscheckError when an auditor appears twice. Policies are pure.
 */
export interface ConsensusPolicy {
  /** Shown in decisions and logs, e.g. "majority" or "firstOf(anyCriticalBlocks, majority)". */
  readonly name: string;
  decide(verdicts: readonly Verdict[]): Decision | undefined;
}

/** True for any object with a non-empty string `name` and a `decide` function. */
export function isConsensusPolicy(value: unknown): value is ConsensusPolicy {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as { name?: unknown; decide?: unknown };
  return (
    typeof candidate.name === "string" && candidate.name.length > 0 && typeof candidate.decide === "function"
  );
}

/**
 * Runs `policy` and always returns a Decision: when the policy defers, the case is escalated
 * with the reason "no policy reached a decision". A malformed decision from a custom policy
 * (unknown outcome, no reasons) throws rather than being read as a verdict.
 */
export function decideWith(policy: ConsensusPolicy, verdicts: readonly Verdict[]): Decision {
  const decision = policy.decide(verdicts);
  if (decision === undefined) {
    return {
      outcome: "escalated",
      policy: policy.name,
      reasons: [NO_DECISION_REASON, tallyLine(tally(verdicts))],
    };
  }
  const parsed = DecisionSchema.safeParse(decision);
  if (!parsed.success) {
    throw new CrosscheckError(
      "WORKFLOW_INVALID",
      `consensus policy "${policy.name}" returned a malformed decision ${JSON.stringify(decision)}; ` +
        'a decision needs outcome "accepted" | "rejected" | "escalated", a policy name and at least one reason.',
      { cause: parsed.error },
    );
  }
  return parsed.data;
}
