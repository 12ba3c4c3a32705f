import type { Decision } from "../../domain/decision.js";
import { SEVERITIES, type Severity, severityRank } from "../../domain/finding.js";
import type { Verdict } from "../../domain/verdict.js";
import type { ConsensusPolicy } from "./policy.js";
import { assertOneVerdictPerAuditor, invalidArgument } from "./tally.js";

/** The least severity that blocks by default. */
export const DEFAULT_BLOCKING_SEVERITY: Severity = "critical";
const MAX_QUOTED_MESSAGE = 160;

export interface AnyCriticalBlocksOptions {
  /** The least severity that blocks: a finding at or above it rejects. Default "critical". */
  severity?: Severity;
}

/** Finding messages are untrusted text: quoted as JSON and cut short in reasons. */
function quote(message: string): string {
  const cut = message.length > MAX_QUOTED_MESSAGE ? `${message.slice(0, MAX_QUOTED_MESSAGE)}…` : message;
  return JSON.stringify(cut);
}

/**
 * A gate: any finding at or above `severity` rejects, whatever the decision of the verdict that
 * carries it (pass, fail or abstain). An auditor that passes while reporting a critical
 * finding contradicts itself, and the finding is the evidence. Otherwise it defers, also when
 * there are no verdicts or all abstained, so the next policy of a `firstOf` decides.
 */
export function anyCriticalBlocks(options: AnyCriticalBlocksOptions = {}): ConsensusPolicy {
  const severity = options.severity ?? DEFAULT_BLOCKING_SEVERITY;
  if (!(SEVERITIES as readonly unknown[]).includes(severity)) {
    throw invalidArgument(
      "anyCriticalBlocks",
      "options.severity",
      severity,
      `one of ${SEVERITIES.join(", ")}`,
    );
  }
  const name =
    severity === DEFAULT_BLOCKING_SEVERITY ? "anyCriticalBlocks" : `anyCriticalBlocks(${severity})`;
  const least = severityRank(severity);

  return {
    name,
    decide(verdicts: readonly Verdict[]): Decision | undefined {
      assertOneVerdictPerAuditor(name, verdicts);
      const blocking: string[] = [];
      const auditors = new Set<string>();
      for (const verdict of verdicts) {
        for (const finding of verdict.findings) {
          if (severityRank(finding.severity) < least) continue;
          auditors.add(verdict.auditor);
          blocking.push(
            `${verdict.auditor} (verdict ${verdict.decision}) reported ${finding.ruleId} [${finding.severity}]: ${quote(finding.message)}`,
          );
        }
      }
      if (blocking.length === 0) return undefined;
      const headline =
        `${blocking.length} finding${blocking.length === 1 ? "" : "s"} at or above ${severity} ` +
        `from ${auditors.size} of ${verdicts.length} auditors (${[...auditors].join(", ")}) block acceptance`;
      return { outcome: "rejected", policy: name, reasons: [headline, ...blocking] };
    },
  };
}
