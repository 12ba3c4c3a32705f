import type { CrosscheckDatabase } from "../../../audit/database.js";
import { html } from "../../../scenarios/reporters/escape.js";
import { auditorLedger, reviewerStats } from "../../ledger.js";
import { formatAge, layout, type PageContext } from "./layout.js";

const fixed = (value: number | null) => (value === null ? "n/a" : value.toFixed(2));

/** Each auditor's agreement with the human decisions (Cohen's kappa), by version and rule family. */
export function auditorsPage(database: CrosscheckDatabase, context: PageContext): string {
  const ledger = auditorLedger(database);
  return layout(
    "Auditors",
    context,
    html`<h1>Auditors against human decisions</h1>
${
  ledger.length === 0
    ? html`<p class="empty">No human decision yet.</p>`
    : html`<table id="ledger"><thead><tr><th>Auditor</th><th>Version</th><th>Decided</th><th>Agreed</th><th>Abstained</th><th>Agreement</th><th>Kappa</th><th>Rule families (upheld / overturned)</th></tr></thead><tbody>
${ledger.map(
  (
    r,
  ) => html`<tr><td>${r.auditor}</td><td class="mono">${r.version}</td><td>${r.decided}</td><td>${r.agreed}</td><td>${r.abstained}</td><td>${fixed(r.agreement)}</td><td>${fixed(r.kappa)}</td>
<td>${r.families.map((f) => html`<code>${f.family}</code> ${f.upheld}/${f.overturned} `)}</td></tr>`,
)}
</tbody></table>`
}
<h2>Reviewers</h2>
${reviewerTable(database)}`,
  );
}

function reviewerTable(database: CrosscheckDatabase) {
  const stats = reviewerStats(database);
  if (stats.length === 0) return html`<p class="empty">No human decision yet.</p>`;
  return html`<table id="reviewers"><thead><tr><th>Reviewer</th><th>Decisions</th><th>Accepted</th><th>Rejected</th><th>Median wait before the decision</th><th>Second-reviewed</th><th>Overturned</th><th>Overturn rate</th><th>Second reviews given</th></tr></thead><tbody>
${stats.map((r) => html`<tr><td>${r.reviewer}</td><td>${r.decisions}</td><td>${r.accepted}</td><td>${r.rejected}</td><td>${formatAge(r.medianMsToDecide)}</td><td>${r.secondReviewed}</td><td>${r.overturned}</td><td>${r.overturnRate === null ? "-" : `${(r.overturnRate * 100).toFixed(0)}%`}</td><td>${r.secondReviewsGiven}</td></tr>`)}
</tbody></table>`;
}
