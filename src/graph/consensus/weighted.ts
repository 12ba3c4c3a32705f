import type { Verdict } from "../../domain/verdict.js";
import type { ConsensusPolicy } from "./policy.js";
import { assertOneVerdictPerAuditor, escalateWithoutVotes, invalidArgument, tally } from "./tally.js";

/** The share of counted weight one side must exceed to decide. */
export const DEFAULT_WEIGHT_THRESHOLD = 0.5;
/** The weight of an auditor missing from `weights`. */
export const DEFAULT_AUDITOR_WEIGHT = 1;

export interface WeightedOptions {
  /**
   * Accepted when pass weight / (pass + fail weight) > threshold, rejected when the fail share
   * > threshold, otherwise escalated. In [0, 1); default 0.5. Below 0.5 both shares can exceed
   * it: that is escalated too.
   */
  threshold?: number;
  /** Weight of auditors not named in `weights`; >= 0, default 1. 0 leaves them out. */
  defaultWeight?: number;
}

function percent(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}

/** Sums of fractional weights print as 0.3, not 0.30000000000000004. */
function amount(weight: number): string {
  return String(Math.round(weight * 1000) / 1000);
}

/**
 * Votes weighted by auditor (for instance by each auditor's track record against human
 * decisions). Confidence is not a weight: gate it with `minConfidence`. Abstentions carry no
 * weight; when no weight was cast (everyone abstained, no verdicts, or only weight-0 voters),
 * escalated.
 */
export function weighted(
  weights: Readonly<Record<string, number>>,
  options: WeightedOptions = {},
): ConsensusPolicy {
  const name = "weighted";
  if (typeof weights !== "object" || weights === null) {
    throw invalidArgument(name, "weights", weights, "an object mapping auditor names to weights >= 0");
  }
  const resolved = new Map<string, number>();
  for (const [auditor, weight] of Object.entries(weights)) {
    if (typeof weight !== "number" || !Number.isFinite(weight) || weight < 0) {
      throw invalidArgument(name, `weights[${JSON.stringify(auditor)}]`, weight, "a finite number >= 0");
    }
    resolved.set(auditor, weight);
  }
  const threshold = options.threshold ?? DEFAULT_WEIGHT_THRESHOLD;
  if (typeof threshold !== "number" || !(threshold >= 0 && threshold < 1)) {
    throw invalidArgument(name, "options.threshold", threshold, "a number in [0, 1) (default 0.5)");
  }
  const defaultWeight = options.defaultWeight ?? DEFAULT_AUDITOR_WEIGHT;
  if (typeof defaultWeight !== "number" || !Number.isFinite(defaultWeight) || defaultWeight < 0) {
    throw invalidArgument(name, "options.defaultWeight", defaultWeight, "a finite number >= 0 (default 1)");
  }
  const weightOf = (auditor: string): number => resolved.get(auditor) ?? defaultWeight;

  return {
    name,
    decide(verdicts: readonly Verdict[]) {
      assertOneVerdictPerAuditor(name, verdicts);
      const silent = escalateWithoutVotes(name, tally(verdicts));
      if (silent !== undefined) return silent;

      let passWeight = 0;
      let failWeight = 0;
      for (const verdict of verdicts) {
        if (verdict.decision === "pass") passWeight += weightOf(verdict.auditor);
        else if (verdict.decision === "fail") failWeight += weightOf(verdict.auditor);
      }
      const ledger = `weights: ${verdicts
        .map(
          (v) =>
            `${v.auditor}=${weightOf(v.auditor)} (${v.decision === "abstain" ? "abstained, not counted" : v.decision})`,
        )
        .join(", ")}`;
      const total = passWeight + failWeight;
      if (total === 0) {
        return {
          outcome: "escalated",
          policy: name,
          reasons: ["the auditors who voted all weigh 0; no weight was cast", ledger],
        };
      }
      const passShare = passWeight / total;
      const failShare = failWeight / total;
      const shares = `pass weight ${amount(passWeight)} (${percent(passShare)}) against fail weight ${amount(failWeight)} (${percent(failShare)}), threshold ${percent(threshold)}`;
      const passDecides = passShare > threshold;
      const failDecides = failShare > threshold;
      if (passDecides && !failDecides) {
        return {
          outcome: "accepted",
          policy: name,
          reasons: [`pass share exceeds the threshold: ${shares}`, ledger],
        };
      }
      if (failDecides && !passDecides) {
        return {
          outcome: "rejected",
          policy: name,
          reasons: [`fail share exceeds the threshold: ${shares}`, ledger],
        };
      }
      const why = passDecides ? "both shares exceed the threshold" : "neither share exceeds the threshold";
      return { outcome: "escalated", policy: name, reasons: [`${why}: ${shares}`, ledger] };
    },
  };
}
