import { type BatchRunOptions, isBatchable, runWithBatch } from "../agents/model/batch-context.js";
import { CrosscheckError } from "../errors.js";
import type { ResolvedWorkflow } from "./resolved.js";

/**
 * Runs `fn` with the workflow's auditor model calls sent through the Message Batches API
 * (`runMany({ batch })`). Fails before anything runs when a model-backed auditor cannot be
 * batched (only `llmAuditor`s with an `anthropic:` model string can).
 */
export async function runBatched<T>(
  workflow: ResolvedWorkflow,
  options: BatchRunOptions,
  fn: () => Promise<T>,
): Promise<T> {
  if (typeof options.stateDir !== "string" || options.stateDir === "") {
    throw new CrosscheckError("USAGE", "batch.stateDir must be a folder path (where batch state is kept)");
  }
  const unbatchable = [...workflow.auditors.values()]
    .map(({ agent }) => agent)
    .filter((agent) => agent.model !== undefined && !isBatchable(agent))
    .map((agent) => `${agent.name} (${agent.model})`);
  if (unbatchable.length > 0) {
    throw new CrosscheckError(
      "USAGE",
      `batch mode sends auditor calls through the Anthropic Message Batches API, but these auditors ` +
        `cannot be batched: ${unbatchable.join(", ")}. Give each llmAuditor an "anthropic:..." model ` +
        "string (not a model instance or another provider), or run without batch. Nothing was run.",
    );
  }
  const { result } = await runWithBatch(options, fn);
  return result;
}
