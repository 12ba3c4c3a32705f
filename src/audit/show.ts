import type { UsageSummary } from "../domain/trace.js";
import type { CrosscheckDatabase } from "./database.js";
import { type CaseAccount, getRunAccount, type RunAccount } from "./queries.js";

/** Longest rendering of a worker's content or status report before it is cut. */
export const SUMMARY_MAX_CHARS = 240;

/**
 * A readable account of a run (or, given a case id, of that case): the workflow, when it ran,
 * and for each case what the worker said, what each auditor found, the cross-examination,
 * the decision and its reasons, and the escalation with the human decision.
 */
export function renderRunAccount(database: CrosscheckDatabase, runId: string): string {
  return renderAccount(getRunAccount(database, runId));
}

/** Renders an account as text. Everything from agents is untrusted: control characters are escaped. */
export function renderAccount(account: RunAccount): string {
  const { run } = account;
  const lines = [
    `Run ${clean(run.id)} — workflow ${clean(run.workflow)} ${clean(run.workflowVersion)} (digest ${run.workflowDigest.slice(0, 12)})`,
    `  status ${run.status}; started ${time(run.startedAt)}${run.endedAt === null ? "" : `, ended ${time(run.endedAt)}`}; pid ${run.pid} on ${clean(run.host)}`,
  ];
  if (account.focusCaseId === undefined) {
    lines.push(
      `  ${account.cases.length} case${account.cases.length === 1 ? "" : "s"}; ${usage(account.usage)}`,
    );
  }
  for (const c of account.cases) lines.push("", ...renderCase(c));
  return lines.join("\n");
}

function renderCase(c: CaseAccount): string[] {
  const task =
    c.taskId === null
      ? ""
      : ` — task ${clean(c.taskId)}${c.taskKind === null ? "" : ` (${clean(c.taskKind)})`}`;
  const lines = [
    `Case ${clean(c.id)}${task}: ${c.status.toUpperCase()}${c.decidedBy === null ? "" : ` by ${c.decidedBy}`}`,
    `  input sha256 ${c.inputSha256}; started ${time(c.startedAt)}${c.endedAt === null ? "" : `, ended ${time(c.endedAt)}`}`,
  ];
  if (c.output !== null) {
    const source = c.output.supplied ? "supplied output" : "worker output";
    lines.push(`  ${source}: ${summary(c.output.content)}`);
    if (c.output.status !== null) lines.push(`  worker says: ${summary(c.output.status)}`);
    if (Array.isArray(c.output.claims) && c.output.claims.length > 0) {
      lines.push(
        `  claims: ${c.output.claims.map((claim) => summary((claim as { text?: unknown }).text)).join("; ")}`,
      );
    }
    lines.push(`  trace: ${c.output.traceEvents} recorded event${c.output.traceEvents === 1 ? "" : "s"}`);
    if (c.workerUsage.modelCalls > 0) lines.push(`  worker ${usage(c.workerUsage)}`);
  }
  for (const failure of c.workerFailures) {
    lines.push(`  worker failed (${failure.reason}) at ${time(failure.at)}: ${clean(failure.message)}`);
  }
  for (const v of c.verdicts) {
    const round = v.round === 0 ? "" : ` [round ${v.round}]`;
    const spent = v.usage === null || v.usage.modelCalls === 0 ? "" : `; ${usage(v.usage)}`;
    lines.push(
      `  auditor ${clean(v.auditor)}${round}: ${v.decision} (confidence ${v.confidence.toFixed(2)})${spent}`,
    );
    if (v.rationale !== "") lines.push(`    ${summary(v.rationale)}`);
    for (const f of v.findings) {
      const at = f.location === null ? "" : ` at ${clean(location(f.location))}`;
      lines.push(`    - [${f.severity}] ${clean(f.ruleId)}${at}: ${clean(f.message)}`);
    }
  }
  for (const r of c.crossExamRounds) {
    lines.push(`  cross-examination round ${r.round}: disagreeing ${r.disagreeing.map(clean).join(", ")}`);
  }
  if (c.usage.modelCalls > 0) lines.push(`  case total: ${usage(c.usage)}`);
  for (const d of c.decisions) {
    lines.push(`  decision (${clean(d.policy)}): ${d.outcome} — ${d.reasons.map(clean).join("; ")}`);
  }
  const e = c.escalation;
  if (e !== null) {
    const queue = e.queue === null ? "" : `, queue ${clean(e.queue)}`;
    lines.push(
      `  escalated at ${time(e.createdAt)} (${clean(e.priority)} priority${queue}): ${clean(e.reason)}; ${e.status}`,
    );
  }
  const h = c.humanDecision;
  if (h !== null) {
    const auth = h.authenticatedBy === null ? "" : ` (authenticated by ${clean(h.authenticatedBy)})`;
    lines.push(
      `  human decision: ${h.decision} by ${clean(h.reviewer)}${auth} at ${time(h.at)}: ${clean(h.reason)}`,
    );
    if (h.viewDigest !== null) lines.push(`    case view shown: sha256 ${clean(h.viewDigest)}`);
  }
  return lines;
}

function location(loc: NonNullable<CaseAccount["verdicts"][number]["findings"][number]["location"]>): string {
  if (loc.file !== undefined) return `${loc.file}${loc.line === undefined ? "" : `:${loc.line}`}`;
  if (loc.field !== undefined) return loc.field;
  return loc.span === undefined ? "" : `chars ${loc.span[0]}-${loc.span[1]}`;
}

/** Model calls, tokens in and out, and cost in US dollars (4 decimals, as the scenario reports). */
function usage(u: UsageSummary): string {
  const calls = `${u.modelCalls} model call${u.modelCalls === 1 ? "" : "s"}`;
  return `${calls}, tokens ${u.tokensIn} in / ${u.tokensOut} out, $${u.costUsd.toFixed(4)}`;
}

function time(ms: number): string {
  return new Date(ms).toISOString();
}

/** One line, at most SUMMARY_MAX_CHARS, control characters escaped. */
function summary(value: unknown): string {
  const text = typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
  const cut =
    text.length > SUMMARY_MAX_CHARS ? `${text.slice(0, SUMMARY_MAX_CHARS)}… (${text.length} chars)` : text;
  return clean(cut);
}

/** Escapes control characters (terminal escape sequences, newlines) in untrusted text. */
export function clean(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (ch) => {
    if (ch === "\n") return "\\n";
    if (ch === "\t") return "\\t";
    return `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
}
