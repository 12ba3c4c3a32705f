import { html, type Markup } from "../../../scenarios/reporters/escape.js";
import { type CaseView, contentText, looksLikeDiff } from "../../case-view.js";
import { SLA_REVIEWER } from "../../sla.js";
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
<p class="reason">${item.decision.reason}</p>
${view.secondReviews.length === 0 ? "" : html`<h3>Second reviews</h3><ul id="second-reviews">${view.secondReviews.map((r) => html`<li><strong>${r.agrees ? "agrees" : "overturns"}</strong>: ${r.review.decision} by ${r.review.reviewer} at ${isoTime(r.review.at)}: ${r.review.reason}</li>`)}</ul>`}
${secondReviewForm(view, context, item.decision.reviewer)}</section>`;
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
${sealedDigest(view, context)}
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

/** The digest of this view and the server's seal on it: what the decision records as seen. */
function sealedDigest(view: CaseView, context: PageContext): Markup {
  const digest = caseViewDigest(view);
  return html`<input type="hidden" name="viewDigest" value="${digest}">
<input type="hidden" name="viewSeal" value="${context.seal?.(view.item.caseId, digest) ?? ""}">`;
}

/** A reviewer other than the first may look at a decided case again (once). */
function secondReviewForm(view: CaseView, context: PageContext, first: string): Markup | string {
  const me = context.reviewer;
  if (me === undefined || me.role !== "reviewer" || me.name === first || first === SLA_REVIEWER) return "";
  if (view.secondReviews.some((r) => r.review.reviewer === me.name)) return "";
  return html`<form method="post" action="/cases/${encodeURIComponent(view.item.caseId)}/second-review" id="second-review">${csrfField(context.csrf)}
${sealedDigest(view, context)}
<h3>Second review</h3>
<p>How would you have decided? The outcome stands; a different decision counts as an overturn of ${first}'s.</p>
<fieldset><label><input type="radio" name="decision" value="accept" required> Accept</label>
<label><input type="radio" name="decision" value="reject"> Reject</label></fieldset>
<label for="second-reason">Reason (recorded in the audit log)</label>
<textarea id="second-reason" name="reason" rows="2" required maxlength="4000"></textarea>
<button type="submit">Record second review</button>
</form>`;
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
