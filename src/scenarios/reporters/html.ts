import type { CaseAccount, VerdictAccount } from "../../audit/queries.js";
import type { Outcome } from "../../domain/decision.js";
import type { CaseAttempt, CaseReport, Metrics, ScenarioReport, SuiteReport } from "../report.js";
import { type HtmlValue, html, type Markup } from "./escape.js";

/**
 * The HTML reporter: one self-contained page (no scripts, no external styles, fonts or images;
 * a CSP that forbids loading anything) with the run's metrics, a table of cases per suite, and
 * each case's timeline from the audit log: worker output, evidence, verdicts by round,
 * cross-examination, decisions, escalation and the human decision. Sections expand with
 * <details>. Every value goes through the `html` tag, which escapes it.
 */

/** The page's Content-Security-Policy: nothing may load or run; only the inline stylesheet applies. */
export const HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

const OUTCOMES: readonly Outcome[] = ["accepted", "rejected", "escalated"];

export function renderHtml(report: ScenarioReport): string {
  const m = report.metrics;
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${HTML_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Crosscheck scenarios: ${m.passed}/${m.cases} passed</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>Crosscheck scenarios</h1>
<p class="meta">Started ${report.startedAt} · took ${duration(report.durationMs)} · each case run ${report.repeat} time${report.repeat === 1 ? "" : "s"} · ${report.suites.length} suite${report.suites.length === 1 ? "" : "s"}</p>
${metricsBlock(m)}
</header>
<main>
${report.suites.map((s, i) => suiteSection(s, i))}
</main>
</body>
</html>
`;
  return page.toString();
}

function suiteSection(suite: SuiteReport, index: number): Markup {
  const failed = suite.cases.filter((c) => c.status === "failed");
  return html`<section class="suite" id="suite-${index}">
<h2>${suite.name}</h2>
<p class="meta">${suite.file} · workflow ${suite.workflow}</p>
${metricsBlock(suite.metrics)}
${failed.length === 0 ? "" : html`<div class="failures"><h3>${failed.length} failed case${failed.length === 1 ? "" : "s"}</h3>${failed.map((c) => html`<p><a href="#case-${index}-${suite.cases.indexOf(c)}">${c.name}</a></p>${failureList(c.failures)}`)}</div>`}
<table class="cases">
<thead><tr><th>Status</th><th>Case</th><th>Expected</th><th>Got</th><th>Duration (mean)</th></tr></thead>
<tbody>
${suite.cases.map((c, j) => caseRow(c, `case-${index}-${j}`))}
</tbody>
</table>
${suite.cases.map((c, j) => caseDetails(c, `case-${index}-${j}`))}
</section>
`;
}

function metricsBlock(m: Metrics): Markup {
  const families = Object.entries(m.families).sort(([a], [b]) => a.localeCompare(b));
  return html`<dl class="metrics">
<div><dt>Cases</dt><dd>${m.cases}</dd><dd class="sub"><span class="t-passed">${m.passed} passed</span> · <span class="t-failed">${m.failed} failed</span> · <span class="t-unstable">${m.unstable} unstable</span></dd></div>
<div><dt>Decision accuracy</dt><dd>${percent(m.decisionAccuracy)}</dd></div>
<div><dt>Escalation rate</dt><dd>${percent(m.escalationRate)}</dd></div>
<div><dt>Duration</dt><dd>${optional(m.durationMs.mean, duration)}</dd><dd class="sub">mean · p95 ${optional(m.durationMs.p95, duration)}</dd></div>
<div><dt>Model calls</dt><dd>${integer(m.modelCalls)}</dd><dd class="sub">tokens ${integer(m.tokensIn)} in · ${integer(m.tokensOut)} out</dd></div>
<div><dt>Cost</dt><dd>${usd(m.costUsd)}</dd></div>
</dl>
${
  families.length === 0
    ? ""
    : html`<table class="families">
<thead><tr><th>Rule family</th><th>Recall</th><th>Found / expected</th><th>False-positive rate</th><th>False positives / negatives</th></tr></thead>
<tbody>${families.map(
        ([name, f]) =>
          html`<tr><td><code>${name}</code></td><td>${percent(f.recall)}</td><td>${f.found} / ${f.expected}</td><td>${percent(f.falsePositiveRate)}</td><td>${f.falsePositives} / ${f.negatives}</td></tr>`,
      )}</tbody>
</table>`
}`;
}

function caseRow(c: CaseReport, id: string): Markup {
  return html`<tr class="${c.status}">
<td>${badge(c.status)}</td>
<td><a href="#${id}">${c.name}</a>${c.failures.length === 0 ? "" : failureList(c.failures)}</td>
<td>${expectedText(c)}</td>
<td>${gotText(c)}</td>
<td class="num">${optional(mean(c.attempts.map((a) => a.durationMs)), duration)}</td>
</tr>`;
}

function caseDetails(c: CaseReport, id: string): Markup {
  const firstFailing = c.attempts.findIndex((a) => a.failures.length > 0);
  const openAttempt = firstFailing === -1 ? 0 : firstFailing;
  return html`<details class="case ${c.status}" id="${id}"${c.status === "failed" ? html` open` : ""}>
<summary>${badge(c.status)} <span class="name">${c.name}</span> <span class="meta">expected ${expectedText(c)} · got ${gotText(c)}</span></summary>
${c.failures.length === 0 ? "" : html`<div class="failures">${failureList(c.failures)}</div>`}
${c.tags.length === 0 ? "" : html`<p class="meta">tags: ${c.tags.join(", ")}</p>`}
${c.expected.findings.length + c.expected.absent.length === 0 ? "" : html`<p class="meta">expected findings: ${c.expected.findings.join(", ") || "none"} · must not find: ${c.expected.absent.join(", ") || "nothing listed"}</p>`}
${c.attempts.map((a, i) => attemptDetails(a, i, i === openAttempt))}
</details>
`;
}

function attemptDetails(a: CaseAttempt, index: number, open: boolean): Markup {
  return html`<details class="attempt"${open ? html` open` : ""}>
<summary>Attempt ${index + 1}: ${outcomeText(a)} · ${duration(a.durationMs)} · run <code>${a.runId}</code> · case <code>${a.caseId}</code>${a.failures.length === 0 ? "" : html` · <span class="t-failed">${a.failures.length} failed expectation${a.failures.length === 1 ? "" : "s"}</span>`}</summary>
${a.failures.length === 0 ? "" : failureList(a.failures)}
<p class="meta">model calls ${a.modelCalls} · tokens ${integer(a.tokensIn)} in, ${integer(a.tokensOut)} out · ${usd(a.costUsd)}</p>
${a.account === undefined ? html`<p class="meta">The log has no account of this attempt.</p>` : timeline(a.account)}
</details>
`;
}

/** A case's account as the steps it went through, in order. */
function timeline(c: CaseAccount): Markup {
  const rounds = [...new Set([...c.verdicts.map((v) => v.round), ...c.crossExamRounds.map((r) => r.round)])];
  rounds.sort((x, y) => x - y);
  return html`<ol class="timeline">
${step("Case started", time(c.startedAt), html`<p>task <code>${c.taskId ?? "none"}</code>${c.taskKind === null ? "" : html` (${c.taskKind})`} · input sha256 <code>${c.inputSha256}</code></p>`)}
${c.output === null ? "" : workerStep(c.output)}
${c.workerFailures.map((f) => step(`Worker failed (${f.reason})`, time(f.at), html`<pre>${f.message}</pre>`, "failed"))}
${c.evidenceParams === null && c.evidence.length === 0 ? "" : evidenceStep(c)}
${rounds.map((round) => roundSteps(c, round))}
${c.decisions.map((d) =>
  step(
    html`Decision: ${badge(d.outcome)}`,
    time(d.at),
    html`<p>policy <code>${d.policy}</code></p><ul>${d.reasons.map((r) => html`<li>${r}</li>`)}</ul>`,
  ),
)}
${c.escalation === null ? "" : escalationStep(c.escalation)}
${c.humanDecision === null ? "" : humanStep(c.humanDecision)}
${c.endedAt === null ? step("Case not ended", "", html`<p>status ${c.status}</p>`) : step(html`Case ended: ${badge(c.status)}`, time(c.endedAt), html`<p>decided by ${c.decidedBy ?? "nobody"}</p>`)}
</ol>`;
}

function workerStep(output: NonNullable<CaseAccount["output"]>): Markup {
  const list = (v: unknown) => (Array.isArray(v) && v.length > 0 ? v : undefined);
  const claims = list(output.claims);
  const artifacts = list(output.artifacts);
  return step(
    output.supplied ? "Supplied output" : "Worker output",
    `${output.traceEvents} trace event${output.traceEvents === 1 ? "" : "s"}`,
    html`<pre class="output">${pretty(output.content)}</pre>
${output.status === null || output.status === undefined ? "" : html`<h5>Status report (what the worker says it did)</h5><pre>${pretty(output.status)}</pre>`}
${claims === undefined ? "" : html`<h5>Claims</h5><pre>${pretty(claims)}</pre>`}
${artifacts === undefined ? "" : html`<h5>Artifacts</h5><pre>${pretty(artifacts)}</pre>`}`,
  );
}

function evidenceStep(c: CaseAccount): Markup {
  return step(
    "Evidence retrieved",
    `${c.evidence.length} passage${c.evidence.length === 1 ? "" : "s"}`,
    html`${
      c.evidence.length === 0
        ? ""
        : html`<table><thead><tr><th>Id</th><th>Source</th><th>Content sha256</th><th>Score</th></tr></thead><tbody>${c.evidence.map(
            (e) =>
              html`<tr><td><code>${e.id}</code></td><td>${e.source}</td><td><code>${e.contentHash}</code></td><td class="num">${e.score ?? ""}</td></tr>`,
          )}</tbody></table>`
    }${c.evidenceParams === null ? "" : html`<h5>Retrieval parameters</h5><pre>${pretty(c.evidenceParams)}</pre>`}`,
  );
}

function roundSteps(c: CaseAccount, round: number): Markup {
  const exam = c.crossExamRounds.filter((r) => r.round === round);
  const verdicts = c.verdicts.filter((v) => v.round === round);
  return html`${exam.map((r) =>
    step(
      `Cross-examination, round ${r.round}`,
      time(r.at),
      html`<p>disagreeing: ${r.disagreeing.join(", ")}</p>`,
      "exam",
    ),
  )}${verdicts.length === 0 ? "" : step(round === 0 ? "Verdicts" : `Verdicts, round ${round}`, `${verdicts.length} auditor${verdicts.length === 1 ? "" : "s"}`, html`${verdicts.map(verdictBlock)}`)}`;
}

function verdictBlock(v: VerdictAccount): Markup {
  return html`<div class="verdict">
<p><strong>${v.auditor}</strong> ${badge(v.decision)} confidence ${v.confidence.toFixed(2)}</p>
${v.rationale === "" ? "" : html`<pre class="rationale">${v.rationale}</pre>`}
${
  v.findings.length === 0
    ? html`<p class="meta">no findings</p>`
    : html`<table class="findings"><thead><tr><th>Severity</th><th>Rule</th><th>Message</th><th>Location</th><th>Evidence</th></tr></thead><tbody>${v.findings.map(
        (f) =>
          html`<tr><td><span class="sev ${f.severity}">${f.severity}</span></td><td><code>${f.ruleId}</code></td><td>${f.message}</td><td>${f.location === null ? "" : location(f.location)}</td><td>${f.evidenceIds.join(", ")}</td></tr>`,
      )}</tbody></table>`
}
</div>`;
}

function escalationStep(e: NonNullable<CaseAccount["escalation"]>): Markup {
  const when = [
    e.decidedAt === null ? undefined : `decided ${time(e.decidedAt)}`,
    e.resumedAt === null ? undefined : `resumed ${time(e.resumedAt)}`,
  ].filter((w) => w !== undefined);
  return step(
    "Escalated to a human",
    time(e.createdAt),
    html`<p>${e.reason}</p><p class="meta">status ${e.status} · priority ${e.priority}${e.queue === null ? "" : ` · queue ${e.queue}`}${e.assignee === null ? "" : ` · assigned to ${e.assignee}`}${when.length === 0 ? "" : ` · ${when.join(" · ")}`}</p>`,
    "exam",
  );
}

function humanStep(h: NonNullable<CaseAccount["humanDecision"]>): Markup {
  return step(
    html`Human decision: ${badge(h.decision === "accept" ? "accepted" : "rejected")}`,
    time(h.at),
    html`<p>by <strong>${h.reviewer}</strong>${h.authenticatedBy === null ? " (not authenticated)" : ` (authenticated by ${h.authenticatedBy})`}</p><pre>${h.reason}</pre>`,
  );
}

function step(title: HtmlValue, aside: string, body: Markup, kind = ""): Markup {
  return html`<li class="${kind}"><h4>${title} <span class="meta">${aside}</span></h4>${body}</li>`;
}

function failureList(failures: string[]): Markup {
  return html`<ul class="failure-list">${failures.map((f) => html`<li>${f}</li>`)}</ul>`;
}

function badge(status: string): Markup {
  return html`<span class="badge ${status.replace(/[^a-z-]/g, "")}">${status}</span>`;
}

function expectedText(c: CaseReport): string {
  return c.expected.final === undefined ? c.expected.outcome : `${c.expected.outcome} → ${c.expected.final}`;
}

/** The decision every attempt reached, or the spread when they differ. */
function gotText(c: CaseReport): string {
  const seen = new Set(c.attempts.map(outcomeText));
  if (seen.size === 1) return [...seen][0] ?? "";
  const runs = c.attempts.length;
  return OUTCOMES.filter((o) => (c.spread[o] ?? 0) > 0)
    .map((o) => `${o} ${c.spread[o]}/${runs}`)
    .join(", ");
}

function outcomeText(a: CaseAttempt): string {
  return a.final === undefined ? a.outcome : `${a.outcome} → ${a.final}`;
}

function location(loc: NonNullable<VerdictAccount["findings"][number]["location"]>): string {
  const parts: string[] = [];
  if (loc.file !== undefined) {
    parts.push(
      `${loc.file}${loc.line === undefined ? "" : `:${loc.line}`}${loc.column === undefined ? "" : `:${loc.column}`}`,
    );
  }
  if (loc.field !== undefined) parts.push(`field ${loc.field}`);
  if (loc.span !== undefined) parts.push(`chars ${loc.span[0]}–${loc.span[1]}`);
  return parts.join(", ");
}

/** Strings as they are, anything else as indented JSON. */
function pretty(value: unknown): string {
  if (typeof value === "string") return value;
  return JSON.stringify(value, null, 2) ?? String(value);
}

function mean(values: number[]): number | undefined {
  return values.length === 0 ? undefined : values.reduce((a, b) => a + b, 0) / values.length;
}

function optional(value: number | undefined, format: (n: number) => string): string {
  return value === undefined ? "n/a" : format(value);
}

function percent(value: number | undefined): string {
  return value === undefined ? "n/a" : `${(value * 100).toFixed(1)}%`;
}

function duration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

function integer(n: number): string {
  return n.toLocaleString("en-US");
}

function usd(n: number): string {
  return `$${n.toFixed(4)}`;
}

function time(ms: number): string {
  return new Date(ms).toISOString();
}

const STYLE = html`
:root { color-scheme: light; --fg: #1d2430; --muted: #5b6573; --line: #d8dde4; --bg: #f6f7f9;
  --pass: #1a7f37; --fail: #c0262d; --warn: #9a6700; --info: #0b5cad; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
header, section.suite { max-width: 1200px; margin: 0 auto; padding: 16px 24px; }
header { border-bottom: 1px solid var(--line); }
section.suite { border-bottom: 1px solid var(--line); }
h1 { margin: 0 0 4px; font-size: 24px; } h2 { margin: 8px 0 2px; font-size: 20px; }
h3 { margin: 0 0 6px; font-size: 15px; } h4 { margin: 0 0 4px; font-size: 14px; } h5 { margin: 8px 0 2px; font-size: 13px; }
.meta { color: var(--muted); font-weight: normal; }
dl.metrics { display: flex; flex-wrap: wrap; gap: 8px; margin: 12px 0; }
dl.metrics > div { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; min-width: 150px; }
dl.metrics dt { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
dl.metrics dd { margin: 0; font-size: 20px; font-weight: 600; }
dl.metrics dd.sub { font-size: 12px; font-weight: normal; color: var(--muted); }
table { border-collapse: collapse; width: 100%; background: #fff; margin: 8px 0; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: #eef1f4; font-weight: 600; } td.num { text-align: right; white-space: nowrap; }
tr.failed > td { background: #fff5f5; } tr.unstable > td { background: #fffbea; }
.badge { display: inline-block; padding: 0 6px; border-radius: 4px; font-size: 12px; font-weight: 600; text-transform: uppercase; color: #fff; background: var(--muted); }
.badge.passed, .badge.accepted, .badge.pass { background: var(--pass); }
.badge.failed, .badge.rejected, .badge.fail { background: var(--fail); }
.badge.unstable, .badge.escalated, .badge.abstain { background: var(--warn); }
.t-passed { color: var(--pass); } .t-failed { color: var(--fail); } .t-unstable { color: var(--warn); }
.failures { background: #fff0f0; border: 1px solid #f3b4b7; border-left: 4px solid var(--fail); border-radius: 4px; padding: 8px 12px; margin: 8px 0; }
.failures p { margin: 4px 0 0; }
ul.failure-list { margin: 4px 0; padding-left: 20px; color: var(--fail); font-weight: 600; }
details.case { background: #fff; border: 1px solid var(--line); border-radius: 6px; margin: 8px 0; padding: 6px 12px; }
details.case.failed { border-left: 4px solid var(--fail); } details.case.unstable { border-left: 4px solid var(--warn); }
details.case > summary { cursor: pointer; font-weight: 600; }
details.attempt { border-top: 1px dashed var(--line); margin-top: 6px; padding-top: 6px; }
details.attempt > summary { cursor: pointer; }
ol.timeline { list-style: none; margin: 8px 0; padding: 0 0 0 16px; border-left: 2px solid var(--line); }
ol.timeline > li { position: relative; margin: 0 0 12px; padding-left: 8px; }
ol.timeline > li::before { content: ""; position: absolute; left: -23px; top: 4px; width: 10px; height: 10px; border-radius: 50%; background: var(--info); }
ol.timeline > li.failed::before { background: var(--fail); } ol.timeline > li.exam::before { background: var(--warn); }
pre { margin: 4px 0; padding: 8px; background: #f3f4f6; border: 1px solid var(--line); border-radius: 4px; white-space: pre-wrap; overflow-wrap: anywhere; max-height: 400px; overflow: auto; font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
.verdict { border: 1px solid var(--line); border-radius: 4px; padding: 6px 10px; margin: 6px 0; background: #fcfcfd; }
.verdict p { margin: 2px 0; }
.sev { font-weight: 600; } .sev.critical, .sev.high { color: var(--fail); } .sev.medium { color: var(--warn); }
a { color: var(--info); }
`;
