import type { CrosscheckDatabase } from "../audit/database.js";
import { caseStatus } from "../audit/escalations.js";
import { CrosscheckError } from "../errors.js";
import { isWorkflow, type Workflow } from "../graph/define-workflow.js";
import { importUserModule } from "../internal/user-module.js";

/** Loads the workflow a module exports (as `default` or `workflow`). */
export async function loadWorkflow(file: string): Promise<Workflow> {
  const module = await importUserModule(file, "WORKFLOW_INVALID", "workflow file");
  const candidate = module["default"] ?? module["workflow"];
  if (!isWorkflow(candidate)) {
    throw new CrosscheckError(
      "WORKFLOW_INVALID",
      `workflow file ${file} must export a workflow made by defineWorkflow(), as \`export default\` or \`export const workflow\``,
    );
  }
  return candidate;
}

/** The workflow file recorded on the run of `caseId` (`crosscheck run` records it). */
export function recordedModulePath(database: CrosscheckDatabase, caseId: string): string {
  const status = caseStatus(database, caseId);
  if (status === undefined) {
    throw new CrosscheckError(
      "CASE_NOT_FOUND",
      `no case ${caseId} in ${database.path}: check the id (crosscheck audit show <run-id> lists a run's cases) and --db`,
    );
  }
  if (status.modulePath === null) {
    throw new CrosscheckError(
      "USAGE",
      `case ${caseId} was run from code, so its workflow file is not recorded: decide it with \`crosscheck decide ${caseId} --workflow FILE\` or from code with workflow.decide()`,
    );
  }
  return status.modulePath;
}

/**
 * Loads each recorded workflow file once and keeps it for the life of a review session (the
 * server, a terminal review); `close()` closes the databases the workflows opened.
 */
export class WorkflowCache {
  readonly #loaded = new Map<string, Promise<Workflow>>();

  forCase(database: CrosscheckDatabase, caseId: string): Promise<Workflow> {
    const file = recordedModulePath(database, caseId);
    let workflow = this.#loaded.get(file);
    if (workflow === undefined) {
      workflow = loadWorkflow(file);
      // A file that failed to load is tried again next time.
      workflow.catch(() => this.#loaded.delete(file));
      this.#loaded.set(file, workflow);
    }
    return workflow;
  }

  async close(): Promise<void> {
    const loaded = await Promise.allSettled(this.#loaded.values());
    this.#loaded.clear();
    for (const result of loaded) if (result.status === "fulfilled") result.value.close();
  }
}
