import { currentRecording } from "../agents/model/replay-context.js";
import { CrosscheckError } from "../errors.js";
import type { ResolvedWorkflow } from "./resolved.js";

/**
 * The agents of a workflow whose model cannot be called live in this process, each with why
 * (`worker total-reader: anthropic:claude-sonnet-4-5 needs ANTHROPIC_API_KEY, which is not set`).
 * Read from each model-backed agent's `modelUnavailable()`; empty when all can run live.
 */
export function unavailableModels(workflow: ResolvedWorkflow): string[] {
  const problems: string[] = [];
  const worker = workflow.worker.agent;
  const why = worker.modelUnavailable?.();
  if (why !== undefined) problems.push(`worker ${worker.name}: ${why}`);
  for (const { agent } of workflow.auditors.values()) {
    const reason = agent.modelUnavailable?.();
    if (reason !== undefined) problems.push(`auditor ${agent.name}: ${reason}`);
  }
  return problems;
}

/** The one-line MODEL_UNAVAILABLE error for `problems`; `extra` says what else is missing. */
export function modelUnavailableError(
  workflow: string,
  problems: readonly string[],
  extra = "",
): CrosscheckError {
  return new CrosscheckError(
    "MODEL_UNAVAILABLE",
    `workflow ${workflow} needs live models it cannot reach (${problems.join("; ")})${extra}: ` +
      "set the provider's API key (e.g. ANTHROPIC_API_KEY), or replay recorded calls through a " +
      "scenario suite (npx crosscheck scenarios <suite>). Nothing was run.",
  );
}

/**
 * Fails a run before it writes anything when an agent needs a live model it cannot reach,
 * unless the run replays its model calls: `replay` set by the caller (scenario suites, which
 * check their recordings themselves), or a replay context active around the call.
 */
export function checkLiveModels(workflow: ResolvedWorkflow, replay: boolean): void {
  if (replay || currentRecording()?.mode === "replay") return;
  const problems = unavailableModels(workflow);
  if (problems.length > 0) throw modelUnavailableError(workflow.name, problems);
}
