import type { Auditor } from "../agents/auditor.js";
import { codeSecurity } from "../agents/code-security/auditor.js";
import type { CodeFile } from "../agents/code-security/submission.js";
import { dependencyProvenance } from "../agents/dependency-provenance/auditor.js";
import type { Severity } from "../domain/finding.js";
import type { Task } from "../domain/task.js";
import { anyCriticalBlocks, firstOf, unanimous } from "../graph/consensus.js";
import { defineWorkflow, type Workflow } from "../graph/define-workflow.js";

/** What the review's task carries as input: a summary (the code itself is the output under audit). */
export interface ReviewInput {
  readonly source: string;
  readonly files: readonly { path: string; changedLines: number }[];
}

export interface ReviewWorkflowOptions {
  /** Findings at or above this severity reject the change. Default "high". */
  readonly failOn?: Severity;
  /** More auditors (e.g. a model reviewer wrapped in confirmedReviewer). */
  readonly auditors?: readonly Auditor[];
}

/** The changes under review, shaped as a task whose output (the change) is audited as given. */
export function reviewTask(files: readonly CodeFile[], source: string): Task {
  const input: ReviewInput = {
    source,
    files: files.map((f) => ({ path: f.path, changedLines: f.changedLines?.length ?? 0 })),
  };
  return { kind: "code-review", input, output: { content: { files } } };
}

/**
 * The code-review workflow: codeSecurity() and dependencyProvenance() in parallel; any finding at
 * `failOn` or above rejects, otherwise the voting auditors must agree (a split escalates).
 */
export function reviewWorkflow(options: ReviewWorkflowOptions = {}): Workflow {
  const failOn = options.failOn ?? "high";
  return defineWorkflow({
    name: "code-review",
    version: "1",
    worker: function suppliedChange(task: Task) {
      return { content: task.input };
    },
    auditors: [codeSecurity({ failOn }), dependencyProvenance({ failOn }), ...(options.auditors ?? [])],
    consensus: firstOf(anyCriticalBlocks({ severity: failOn }), unanimous()),
  });
}
