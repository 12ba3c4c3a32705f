import { SEVERITIES } from "../../../domain/finding.js";
import { html } from "../../../scenarios/reporters/escape.js";
import { QUEUE_STATES, type QueueFilter, type QueueItem } from "../../queue.js";
import { formatAge, isoTime, layout, type PageContext } from "./layout.js";

const STATE_CHOICES = ["open", ...QUEUE_STATES, "all"] as const;

/** The queue with its filters (a GET form: the filter lives in the URL, so it can be shared). */
export function queuePage(
  items: readonly QueueItem[],
  filter: QueueFilter,
  workflows: readonly string[],
  context: PageContext,
): string {
  const option = (value: string, selected: string | undefined, label = value) =>
    html`<option value="${value}"${selected === value ? html` selected` : ""}>${label}</option>`;
  return layout(
    "Queue",
    context,
    html`<h1>Escalations</h1>
<form method="get" action="/" class="filters" id="filters">
  <label>Workflow <select name="workflow">${option("", filter.workflow ?? "", "any")}${workflows.map((w) => option(w, filter.workflow))}</select></label>
  <label>Severity at least <select name="severity">${option("", filter.minSeverity ?? "", "any")}${SEVERITIES.map((s) => option(s, filter.minSeverity))}</select></label>
  <label>State <select name="state">${STATE_CHOICES.map((s) => option(s, filter.state ?? "open"))}</select></label>
  <label>Older than (min) <input name="age" type="number" min="0" value="${filter.minAgeMinutes === undefined ? "" : String(filter.minAgeMinutes)}"></label>
  <button type="submit">Filter</button>
</form>
${
  items.length === 0
    ? html`<p class="empty">No escalation matches.</p>`
    : html`<table class="queue">
<thead><tr><th>Priority</th><th>Case</th><th>Workflow</th><th>Reason</th><th>Age</th><th>State</th><th>Claim</th><th>Due</th></tr></thead>
<tbody>
${items.map(
  (item) => html`<tr class="state-${item.state}" data-case="${item.caseId}">
<td><span class="sev sev-${item.priority}">${item.priority}</span></td>
<td><a href="/cases/${encodeURIComponent(item.caseId)}">${item.taskId ?? item.caseId.slice(0, 8)}</a></td>
<td>${item.workflow}</td>
<td class="reason">${item.reason}</td>
<td>${formatAge(item.ageMs)}</td>
<td>${item.state}</td>
<td>${item.claim === null ? "" : html`${item.claim.reviewer} until ${isoTime(item.claim.expiresAt)}`}</td>
<td>${item.dueAt === null ? "" : html`<span class="${item.overdue ? "overdue" : ""}">${isoTime(item.dueAt)}</span>`}</td>
</tr>`,
)}
</tbody>
</table>`
}`,
  );
}
