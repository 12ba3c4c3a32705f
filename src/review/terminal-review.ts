import type { CrosscheckDatabase } from "../audit/database.js";
import type { AuditLog } from "../audit/log.js";
import { isCrosscheckError } from "../errors.js";
import type { Workflow } from "../graph/define-workflow.js";
import { caseView } from "./case-view.js";
import { claimCase, releaseCase } from "./claims.js";
import { decideCase } from "./decide.js";
import type { QueueItem } from "./queue.js";
import type { Reviewer } from "./reviewers.js";
import { caseLines } from "./terminal-view.js";

export type ReviewAction = "accept" | "reject" | "skip" | "quit";

/** The conversation with the person at the terminal (@clack/prompts in the CLI, a script in tests). */
export interface Prompter {
  intro(text: string): void;
  outro(text: string): void;
  /** Shows a case. */
  show(lines: readonly string[], title: string): void;
  warn(text: string): void;
  /** The reviewer's choice; "quit" also when they cancel. */
  choose(): Promise<ReviewAction>;
  /** A non-empty reason, or undefined when they cancel. */
  reason(decision: "accept" | "reject"): Promise<string | undefined>;
  /** Says the run is resuming; `done` reports how it ended. */
  working(text: string): { done(text: string): void };
}

export interface TerminalReviewOptions {
  log: AuditLog;
  database: CrosscheckDatabase;
  reviewer: Reviewer;
  /** Recorded on claims and decisions, e.g. "os-user:alice". */
  authenticatedBy: string;
  workflow(caseId: string): Promise<Workflow>;
  /** Colour the case (ANSI). Default false. */
  color?: boolean;
}

/** What a terminal review did. */
export interface TerminalReviewSummary {
  decided: Array<{ caseId: string; decision: "accept" | "reject"; outcome: string }>;
  skipped: string[];
}

/**
 * Walks `items` one by one: claims each (a case someone else holds is passed over, said aloud),
 * shows it, and records the reviewer's accept or reject with its reason, resuming the run; a
 * skip, a cancel or a quit releases the claim.
 */
export async function reviewInTerminal(
  items: readonly QueueItem[],
  prompter: Prompter,
  options: TerminalReviewOptions,
): Promise<TerminalReviewSummary> {
  const { log, database, reviewer, authenticatedBy } = options;
  const summary: TerminalReviewSummary = { decided: [], skipped: [] };
  const release = (caseId: string) => releaseCase(log, database, caseId, reviewer, { authenticatedBy });
  prompter.intro(
    `${items.length} case${items.length === 1 ? "" : "s"} waiting; reviewing as ${reviewer.name}`,
  );
  for (const [index, item] of items.entries()) {
    try {
      claimCase(log, database, item.caseId, reviewer, { authenticatedBy });
    } catch (error) {
      if (!isCrosscheckError(error)) throw error;
      prompter.warn(`passed over ${item.caseId}: ${error.message}`);
      summary.skipped.push(item.caseId);
      continue;
    }
    const view = caseView(database, item.caseId);
    prompter.show(caseLines(view, options.color ?? false), `case ${index + 1} of ${items.length}`);
    const action = await prompter.choose();
    const reason = action === "accept" || action === "reject" ? await prompter.reason(action) : undefined;
    if (action === "skip" || action === "quit" || reason === undefined) {
      release(item.caseId);
      summary.skipped.push(item.caseId);
      if (action === "skip") continue;
      break;
    }
    const decision = action as "accept" | "reject";
    const progress = prompter.working("recording the decision and resuming the run");
    const result = await decideCase(
      log,
      database,
      item.caseId,
      reviewer,
      { decision, reason },
      {
        authenticatedBy,
        view,
        workflow: options.workflow,
      },
    );
    progress.done(`case ended ${result.outcome}`);
    summary.decided.push({ caseId: item.caseId, decision, outcome: result.outcome });
  }
  prompter.outro(`${summary.decided.length} decided, ${summary.skipped.length} left`);
  return summary;
}
