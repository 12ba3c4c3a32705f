import type { CrosscheckDatabase } from "../audit/database.js";
import { ruleFamily } from "../scenarios/metrics.js";
import { secondReviewsOf } from "./second-review.js";
import { SLA_REVIEWER } from "./sla.js";

/** How one auditor's verdicts compare with the human decisions on the same cases. */
export interface AuditorRecord {
  auditor: string;
  /** The auditor's version or code digest as stamped on its verdicts ("" when none). */
  version: string;
  /** Cases with a human decision on which the auditor gave a pass or fail. */
  decided: number;
  /** pass where the human accepted, fail where the human rejected. */
  agreed: number;
  /** Verdicts that abstained (left out of agreement and kappa). */
  abstained: number;
  /** agreed / decided, or null with no decided case. */
  agreement: number | null;
  /** Cohen's kappa of pass/fail against accept/reject, or null when it is undefined (no case, or one class only). */
  kappa: number | null;
  /** Per rule family (rule id up to its last dot): findings the human upheld (rejected) or overturned (accepted). */
  families: Array<{ family: string; upheld: number; overturned: number }>;
}

interface Row {
  auditor: string;
  decision: "pass" | "fail" | "abstain";
  actor: string;
  human: "accept" | "reject";
  rules: string | null;
}

/**
 * The ledger of every auditor (and auditor version) against human decisions: the latest round
 * of each auditor's verdict on each humanly decided case. Computed from the log, never stored.
 */
export function auditorLedger(database: CrosscheckDatabase): AuditorRecord[] {
  const rows = database.sqlite
    .prepare(
      `SELECT v.auditor, v.decision, e.body AS actor, h.decision AS human,
              (SELECT group_concat(f.rule_id, char(31)) FROM findings f WHERE f.verdict_id = v.id) AS rules
       FROM human_decisions h
       JOIN verdicts v ON v.case_id = h.case_id
       JOIN events e ON e.seq = v.event_seq
       WHERE v.round = (SELECT max(round) FROM verdicts w WHERE w.case_id = v.case_id AND w.auditor = v.auditor)
         AND h.reviewer <> ?
       ORDER BY v.auditor`,
    )
    // A rejection by the SLA is no judgment on the auditors.
    .all(SLA_REVIEWER) as Row[];
  const groups = new Map<string, { auditor: string; version: string; rows: Row[] }>();
  for (const row of rows) {
    const actor = (JSON.parse(row.actor) as { actor: { version?: string; digest?: string } }).actor;
    const version = actor.version ?? actor.digest?.slice(0, 12) ?? "";
    const key = `${row.auditor}\u0000${version}`;
    const group = groups.get(key) ?? { auditor: row.auditor, version, rows: [] };
    group.rows.push(row);
    groups.set(key, group);
  }
  return [...groups.values()].map(({ auditor, version, rows: mine }) => {
    const judged = mine.filter((r) => r.decision !== "abstain");
    const agreed = judged.filter((r) => (r.decision === "pass") === (r.human === "accept")).length;
    const families = new Map<string, { upheld: number; overturned: number }>();
    for (const row of mine) {
      for (const family of new Set((row.rules ?? "").split("\u001f").filter(Boolean).map(ruleFamily))) {
        const count = families.get(family) ?? { upheld: 0, overturned: 0 };
        if (row.human === "reject") count.upheld++;
        else count.overturned++;
        families.set(family, count);
      }
    }
    return {
      auditor,
      version,
      decided: judged.length,
      agreed,
      abstained: mine.length - judged.length,
      agreement: judged.length === 0 ? null : agreed / judged.length,
      kappa: cohenKappa(judged.map((r) => [r.decision === "fail", r.human === "reject"])),
      families: [...families.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([family, c]) => ({ family, ...c })),
    };
  });
}

/** Cohen's kappa of two raters' yes/no labels; null when it is undefined (no pair, or chance agreement 1). */
export function cohenKappa(pairs: ReadonlyArray<readonly [boolean, boolean]>): number | null {
  const n = pairs.length;
  if (n === 0) return null;
  let both = 0;
  let neither = 0;
  let firstYes = 0;
  let secondYes = 0;
  for (const [a, b] of pairs) {
    if (a) firstYes++;
    if (b) secondYes++;
    if (a && b) both++;
    if (!a && !b) neither++;
  }
  const observed = (both + neither) / n;
  const chance = (firstYes * secondYes + (n - firstYes) * (n - secondYes)) / (n * n);
  return chance === 1 ? null : (observed - chance) / (1 - chance);
}

/** One reviewer's record: how many cases they decided and how long the cases waited for them. */
export interface ReviewerStats {
  reviewer: string;
  decisions: number;
  accepted: number;
  rejected: number;
  /** Median time from escalation to decision, in ms. */
  medianMsToDecide: number;
  /** Of their decisions, how many another reviewer looked at again (`human.second-review`). */
  secondReviewed: number;
  /** Of those, how many a second reviewer would have decided the other way. */
  overturned: number;
  /** overturned / secondReviewed; null until someone second-reviews their decisions. */
  overturnRate: number | null;
  /** Second reviews they gave on other reviewers' decisions. */
  secondReviewsGiven: number;
}

/** Per reviewer (the SLA's rejections left out), most decisions first. */
export function reviewerStats(database: CrosscheckDatabase): ReviewerStats[] {
  const rows = database.sqlite
    .prepare(
      `SELECT h.reviewer, h.decision, h.at - e.created_at AS waited
       FROM human_decisions h JOIN escalations e ON e.case_id = h.case_id
       WHERE h.reviewer <> ? ORDER BY h.reviewer`,
    )
    .all(SLA_REVIEWER) as Array<{ reviewer: string; decision: "accept" | "reject"; waited: number }>;
  const byReviewer = new Map<string, typeof rows>();
  for (const row of rows) byReviewer.set(row.reviewer, [...(byReviewer.get(row.reviewer) ?? []), row]);
  // Per first reviewer: the cases someone looked at again, and those where anyone disagreed.
  const looked = new Map<string, Set<string>>();
  const overturned = new Map<string, Set<string>>();
  const given = new Map<string, number>();
  for (const second of secondReviewsOf(database)) {
    const first = second.first.reviewer;
    looked.set(first, (looked.get(first) ?? new Set()).add(second.caseId));
    if (!second.agrees) overturned.set(first, (overturned.get(first) ?? new Set()).add(second.caseId));
    given.set(second.review.reviewer, (given.get(second.review.reviewer) ?? 0) + 1);
  }
  for (const name of given.keys()) if (!byReviewer.has(name)) byReviewer.set(name, []);
  return [...byReviewer.entries()]
    .map(([reviewer, mine]) => {
      const secondReviewed = looked.get(reviewer)?.size ?? 0;
      const overturns = overturned.get(reviewer)?.size ?? 0;
      return {
        reviewer,
        decisions: mine.length,
        accepted: mine.filter((r) => r.decision === "accept").length,
        rejected: mine.filter((r) => r.decision === "reject").length,
        medianMsToDecide: median(mine.map((r) => r.waited)),
        secondReviewed,
        overturned: overturns,
        overturnRate: secondReviewed === 0 ? null : overturns / secondReviewed,
        secondReviewsGiven: given.get(reviewer) ?? 0,
      };
    })
    .sort((a, b) => b.decisions - a.decisions || a.reviewer.localeCompare(b.reviewer));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
