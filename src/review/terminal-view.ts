import { clean } from "../audit/show.js";
import { type CaseView, contentText, looksLikeDiff } from "./case-view.js";

/** ANSI colours for a terminal (none when `color` is false). */
function paint(color: boolean) {
  const wrap = (code: number) => (text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  return { red: wrap(31), green: wrap(32), dim: wrap(2), bold: wrap(1), cyan: wrap(36) };
}

/**
 * A case as lines for the terminal review: the task, the worker output (a diff as a diff), each
 * verdict with its findings and cited evidence, cross-examination, consensus. Untrusted text has
 * its control characters escaped line by line, so no agent can move the cursor or recolour.
 */
export function caseLines(view: CaseView, color = false): string[] {
  const c = paint(color);
  const { item, account } = view;
  const block = (text: string) => text.split("\n").map((line) => `  ${clean(line)}`);
  const lines = [
    c.bold(
      `${clean(item.taskId ?? item.caseId)}  [${item.priority}]  ${view.workflow.name} v${clean(view.workflow.version)}`,
    ),
    `case ${item.caseId}, escalated ${new Date(item.createdAt).toISOString()}${item.overdue ? c.red(" OVERDUE") : ""}`,
    `why: ${clean(item.reason)}`,
    "",
    c.cyan("task"),
    ...block(contentText(view.task)),
    "",
    c.cyan(`worker output${account.output?.supplied === true ? " (supplied)" : ""}`),
  ];
  const output = account.output;
  if (output === null)
    lines.push("  (none)", ...account.workerFailures.map((f) => `  ${f.reason}: ${clean(f.message)}`));
  else {
    const text = contentText(output.content);
    if (looksLikeDiff(text)) {
      for (const line of text.split("\n")) {
        const shown = `  ${clean(line)}`;
        lines.push(
          line.startsWith("+")
            ? c.green(shown)
            : line.startsWith("-")
              ? c.red(shown)
              : line.startsWith("@@")
                ? c.dim(shown)
                : shown,
        );
      }
    } else lines.push(...block(text));
    if (output.status !== null) lines.push(c.dim("  status report:"), ...block(contentText(output.status)));
  }
  if (account.evidence.length > 0) {
    lines.push("", c.cyan("evidence"));
    for (const e of account.evidence)
      lines.push(`  ${clean(e.id)}  ${clean(e.source)}  sha256 ${e.contentHash.slice(0, 12)}`);
  }
  lines.push("", c.cyan("verdicts"));
  for (const v of account.verdicts) {
    const mark =
      v.decision === "fail" ? c.red(v.decision) : v.decision === "pass" ? c.green(v.decision) : v.decision;
    lines.push(
      `  ${clean(v.auditor)} (round ${v.round}): ${mark}, confidence ${v.confidence.toFixed(2)} — ${clean(v.rationale)}`,
    );
    for (const f of v.findings) {
      const cited = f.evidenceIds.length === 0 ? "" : ` [evidence ${f.evidenceIds.map(clean).join(", ")}]`;
      lines.push(`    ${f.severity} ${clean(f.ruleId)}: ${clean(f.message)}${cited}`);
    }
  }
  for (const round of account.crossExamRounds) {
    lines.push(
      `  cross-examination round ${round.round}: ${round.disagreeing.map(clean).join(", ")} disagreed`,
    );
  }
  lines.push("", c.cyan("consensus"));
  for (const d of account.decisions)
    lines.push(`  ${d.outcome} by ${clean(d.policy)}: ${d.reasons.map(clean).join("; ")}`);
  return lines;
}
