import { html, type Markup } from "../../../scenarios/reporters/escape.js";
import { type CaseView, contentText, looksLikeDiff } from "../../case-view.js";
import { caseViewDigest } from "../../view-digest.js";
import { csrfField, formatAge, isoTime, layout, type PageContext } from "./layout.js";

/** The case page: what the reviewer must see, the claim and decide forms, and the audit timeline. */
export function casePage(view: CaseView, context: PageContext): string {
  const { item, account } = view;
  return layout(
    `Case ${item.taskId ?? item.caseId}`,
    context,
    html`<h1>Case <span class="mono">${item.taskId ?? item.caseId}</span></h1>
<dl class="facts">
  <dt>Case id</dt><dd class="mono">${item.caseId}</dd>
  <dt>Workflow</dt><dd>${view.workflow.name} v${view.workflow.version}</dd>
  <dt>State</dt><dd id="state">${item.state}</dd>
  <dt>Priority</dt><dd><span class="sev sev-${item.priority}">${item.priority}</span></dd>
  <dt>Why escalated</dt><dd>${item.reason}</dd>
  <dt>Age</dt><dd>${formatAge(item.ageMs)}</dd>
  ${item.dueAt === null ? "" : html`<dt>Due</dt><dd class="${item.overdue ? "overdue" : ""}">${isoTime(item.dueAt)}</dd>`}
  ${item.queue === null ? "" : html`<dt>Queue</dt><dd>${item.queue}</dd>`}
  ${item.assignee === null ? "" : html`<dt>Assignee</dt><dd>${item.assignee}</dd>`}
  <dt>Case status</dt><dd id="case-status">${account.status}${account.decidedBy === null ? "" : ` (by ${account.decidedBy})`}</dd>
</dl>
${actions(view, context)}
<section><h2>Task</h2><pre class="data">${contentText(view.task)}</pre></section>
${outputSection(view)}
${evidenceSection(view)}
${verdictSection(view)}
${account.crossExamRounds.length === 0 ? "" : html`<section><h2>Cross-examination</h2><ul>${account.crossExamRounds.map((r) => html`<li>Round ${r.round}: ${r.disagreeing.join(", ")} disagreed (${isoTime(r.at)})</li>`)}</ul></section>`}
<section><h2>Consensus</h2><ul>${account.decisions.map((d) => html`<li><strong>${d.outcome}</strong> by ${d.policy}: ${d.reasons.join("; ")}</li>`)}</ul></section>
${timelineSection(view)}`,
  );
}

function actions(view: CaseView, context: PageContext): Markup {
  const { item } = view;
  const me = context.reviewer;
  if (item.decision !== null) {
    return html`<section class="card decided" id="decision"><h2>Human decision</h2>
<p><strong>${item.decision.decision}</strong> by ${item.decision.reviewer} at ${isoTime(item.decision.at)}</p>
<p class="reason">${item.decision.reason}</p></section>`;
  }
  if (item.state === "cancelled") return html`<p class="card">The run was aborted: nothing to decide.</p>`;
  if (me === undefined || me.role !== "reviewer") {
    return html`<p class="card" id="view-only">You can view this case; only a reviewer can claim and decide it.</p>`;
  }
  const action = `/cases/${encodeURIComponent(item.caseId)}`;
  if (item.claim === null) {
    return html`<form method="post" action="${action}/claim" class="card" id="claim">${csrfField(context.csrf)}
<p>Claim the case to decide it: nobody else can while your claim holds.</p><button type="submit">Claim</button></form>`;
  }
  if (item.claim.reviewer !== me.name) {
    return html`<p class="card" id="claimed-by">Claimed by ${item.claim.reviewer} until ${isoTime(item.claim.expiresAt)}.</p>`;
  }
  return html`<form method="post" action="${action}/decide" class="card" id="decide">${csrfField(context.csrf)}
<input type="hidden" name="viewDigest" value="${caseViewDigest(view)}">
<h2>Decide</h2>
<p>Your claim holds until ${isoTime(item.claim.expiresAt)}. The decision is recorded as ${me.name}.</p>
<fieldset><label><input type="radio" name="decision" value="accept" required> Accept the output</label>
<label><input type="radio" name="decision" value="reject"> Reject the output</label></fieldset>
<label for="reason">Reason (recorded in the audit log)</label>
<textarea id="reason" name="reason" rows="3" required maxlength="4000"></textarea>
<button type="submit">Record decision</button>
</form>
<form method="post" action="${action}/release" class="inline">${csrfField(context.csrf)}<button type="submit" class="secondary">Release claim</button></form>`;
}

function outputSection(view: CaseView): Markup {
  const output = view.account.output;
  if (output === null) {
    return html`<section><h2>Worker output</h2><p>No output.${view.account.workerFailures.map((f) => html` ${f.reason}: ${f.message}`)}</p></section>`;
  }
  const text = contentText(output.content);
  return html`<section><h2>Worker output${output.supplied ? " (supplied with the task)" : ""}</h2>
${looksLikeDiff(text) ? diffBlock(text) : html`<pre class="data" id="output">${text}</pre>`}
${output.status === null ? "" : html`<h3>Status report</h3><pre class="data">${contentText(output.status)}</pre>`}
${output.claims === null ? "" : html`<h3>Claims</h3><pre class="data">${contentText(output.claims)}</pre>`}
${output.artifacts === null ? "" : html`<h3>Artifacts</h3><pre class="data">${contentText(output.artifacts)}</pre>`}
<p class="hint">${output.traceEvents} trace events recorded.</p></section>`;
}

function diffBlock(text: string): Markup {
  const kind = (line: string) =>
    line.startsWith("@@") ? "hunk" : line.startsWith("+") ? "add" : line.startsWith("-") ? "del" : "ctx";
  return html`<pre class="data diff" id="output">${text.split("\n").map((line) => html`<span class="${kind(line)}">${line}</span>\n`)}</pre>`;
}

function evidenceSection(view: CaseView): Markup {
  const { evidence } = view.account;
  if (evidence.length === 0) return html`<section><h2>Evidence</h2><p>None retrieved.</p></section>`;
  return html`<section><h2>Evidence</h2><table><thead><tr><th>Id</th><th>Source</th><th>Score</th><th>SHA-256</th></tr></thead><tbody>
${evidence.map((e) => html`<tr id="evidence-${e.id}"><td class="mono">${e.id}</td><td>${e.source}</td><td>${e.score ?? ""}</td><td class="mono">${e.contentHash.slice(0, 16)}</td></tr>`)}
</tbody></table></section>`;
}

function verdictSection(view: CaseView): Markup {
  return html`<section><h2>Verdicts</h2>${view.account.verdicts.map(
    (
      v,
    ) => html`<article class="verdict ${v.decision}"><h3>${v.auditor} <span class="dec">${v.decision}</span> <span class="hint">round ${v.round}, confidence ${v.confidence.toFixed(2)}</span></h3>
<p>${v.rationale}</p>
${v.findings.length === 0 ? "" : html`<ul class="findings">${v.findings.map((f) => html`<li><span class="sev sev-${f.severity}">${f.severity}</span> <code>${f.ruleId}</code> ${f.message}${f.location === null ? "" : html` <span class="hint">at ${JSON.stringify(f.location)}</span>`}${f.evidenceIds.length === 0 ? "" : html` <span class="hint">evidence: ${f.evidenceIds.join(", ")}</span>`}</li>`)}</ul>`}
</article>`,
  )}</section>`;
}

function timelineSection(view: CaseView): Markup {
  return html`<section><h2>Audit timeline</h2><table class="timeline"><thead><tr><th>#</th><th>Time (UTC)</th><th>Event</th><th>Actor</th></tr></thead><tbody>
${view.timeline.map(
  (e) =>
    html`<tr><td>${e.seq}</td><td>${isoTime(e.ts)}</td><td>${e.kind}</td><td>${e.actor.type}:${e.actor.id} (${e.actor.role})${e.actor.authenticatedBy === undefined ? "" : `, by ${e.actor.authenticatedBy}`}</td></tr>`,
)}
</tbody></table></section>`;
}
