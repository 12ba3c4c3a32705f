import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { CrosscheckError, type CrosscheckErrorCode, isCrosscheckError } from "../errors.js";
import { isWorkflow, type Workflow } from "../graph/define-workflow.js";

/**
 * Imports a user's TypeScript or JavaScript module (the `crosscheck` bin registers tsx's loader).
 * A missing file or a module that fails to load is a one-line error with `code`.
 */
export async function importUserModule(
  file: string,
  code: CrosscheckErrorCode,
  what: string,
): Promise<Record<string, unknown>> {
  const resolved = path.resolve(file);
  if (!fs.existsSync(resolved) || !fs.statSync(resolved).isFile()) {
    throw new CrosscheckError(code, `${what} ${file} does not exist: check the path`);
  }
  try {
    return (await import(pathToFileURL(resolved).href)) as Record<string, unknown>;
  } catch (error) {
    if (isCrosscheckError(error)) throw error;
    const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new CrosscheckError(code, `${what} ${file} failed to load: ${message}`, { cause: error });
  }
}

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
