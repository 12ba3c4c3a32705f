import type { CaseResult } from "../graph/case-result.js";

const COLORS = { accepted: 32, rejected: 31, escalated: 33 } as const;

function paint(text: string, code: number, color: boolean): string {
  return color ? `\u001b[${code}m${text}\u001b[0m` : text;
}

/** Escapes control characters so agent-written text cannot drive the terminal. */
export function safeText(text: string): string {
  return text.replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** One readable line (and indented detail lines) for a case. */
export function formatCase(result: CaseResult, label: string, color: boolean): string[] {
  const outcome = paint(result.outcome.padEnd(9), COLORS[result.outcome], color);
  const by =
    result.decidedBy === undefined
      ? ""
      : ` by ${result.decidedBy}${result.human ? ` (${result.human.reviewer})` : ""}`;
  const lines = [`${outcome} ${safeText(label)}  case ${result.caseId}${by}`];
  for (const reason of result.decision.reasons) lines.push(`  - ${safeText(reason)}`);
  for (const finding of result.findings) {
    lines.push(
      `  ${finding.severity.padEnd(8)} ${finding.ruleId} (${finding.auditor}): ${safeText(finding.message)}`,
    );
  }
  if (result.outcome === "escalated") {
    lines.push(
      `  waiting for a human: crosscheck decide ${result.caseId} --accept|--reject --reviewer NAME --reason TEXT`,
    );
  }
  return lines;
}

/** The exit code for a batch: escalated (3) over rejected (1) over accepted (0). */
export function batchExitCode(results: readonly CaseResult[]): number {
  if (results.some((r) => r.outcome === "escalated")) return 3;
  if (results.some((r) => r.outcome === "rejected")) return 1;
  return 0;
}
