import type { Decision } from "../../domain/decision.js";
import type { Verdict } from "../../domain/verdict.js";
import { type ConsensusPolicy, isConsensusPolicy } from "./policy.js";
import { invalidArgument } from "./tally.js";

/**
 * Composition: asks each policy in order; the first that decides wins. The decision keeps the
 * `policy` name of the policy that decided; when earlier ones deferred, a last reason says
 * which. Defers when every policy defers (`decideWith` then escalates).
 */
export function firstOf(...policies: ConsensusPolicy[]): ConsensusPolicy {
  if (policies.length === 0) {
    throw invalidArgument(
      "firstOf",
      "policies",
      policies,
      "at least one consensus policy, e.g. firstOf(majority())",
    );
  }
  policies.forEach((policy, index) => {
    if (!isConsensusPolicy(policy)) {
      throw invalidArgument(
        "firstOf",
        `policies[${index}]`,
        policy,
        "a consensus policy: an object with a non-empty name and a decide(verdicts) function",
      );
    }
  });
  const chain: readonly ConsensusPolicy[] = [...policies];
  const name = `firstOf(${chain.map((p) => p.name).join(", ")})`;

  return {
    name,
    decide(verdicts: readonly Verdict[]): Decision | undefined {
      const deferred: string[] = [];
      for (const policy of chain) {
        const decision = policy.decide(verdicts);
        if (decision === undefined) {
          deferred.push(policy.name);
          continue;
        }
        if (deferred.length === 0) return decision;
        return { ...decision, reasons: [...decision.reasons, `deferred first: ${deferred.join(", ")}`] };
      }
      return undefined;
    },
  };
}
