import type { CodeFile } from "../agents/code-security/submission.js";
import type { Finding } from "../domain/finding.js";
import { isReviewed } from "./collect.js";

/** How much of a change was verified: the verification-debt summary of `review-diff`. */
export interface VerificationDebt {
  /** Lines added or modified. */
  readonly changedLines: number;
  /** Changed code and manifest lines that at least one auditor read and raised nothing on. */
  readonly coveredLines: number;
  /** Changed lines with at least one open finding. */
  readonly linesWithFindings: number;
  /** Changed lines no auditor checks beyond a secrets search (other languages, docs, binaries): the debt. */
  readonly uncheckedLines: number;
}

export function verificationDebt(files: readonly CodeFile[], findings: readonly Finding[]): VerificationDebt {
  const flagged = new Set(findings.map((f) => `${f.location?.file}:${f.location?.line}`));
  let changedLines = 0;
  let coveredLines = 0;
  let linesWithFindings = 0;
  for (const file of files) {
    const lines = file.changedLines ?? [];
    changedLines += lines.length;
    const reviewed = isReviewed(file.path);
    for (const line of lines) {
      if (flagged.has(`${file.path}:${line}`)) linesWithFindings++;
      else if (reviewed) coveredLines++;
    }
  }
  return {
    changedLines,
    coveredLines,
    linesWithFindings,
    uncheckedLines: changedLines - coveredLines - linesWithFindings,
  };
}

export function debtLine(debt: VerificationDebt): string {
  return `verification debt: ${debt.changedLines} changed line(s): ${debt.coveredLines} passed by an auditor, ${debt.linesWithFindings} with open findings, ${debt.uncheckedLines} not checked by any auditor`;
}
