import { modelUnavailableError } from "../graph/live-models.js";
import type { ParsedScenarioCase, Suite } from "./suite.js";

/**
 * Fails a suite before its first case when some of `cases` would need a live model that this
 * process cannot reach (no key): in replay mode the cases without recorded model calls
 * (`hasRecordings`), in record mode (`hasRecordings` undefined) every case. With recordings
 * for every case, replay needs nothing live.
 */
export function checkSuiteModels(
  suite: Suite,
  cases: readonly ParsedScenarioCase[],
  hasRecordings?: (c: ParsedScenarioCase) => boolean,
): void {
  const live = hasRecordings === undefined ? cases : cases.filter((c) => !hasRecordings(c));
  if (live.length === 0) return;
  const problems = suite.workflow.unavailableModels();
  if (problems.length === 0) return;
  const names = live.map((c) => JSON.stringify(c.name)).join(", ");
  throw modelUnavailableError(
    suite.workflow.name,
    problems,
    hasRecordings === undefined
      ? ` to record suite ${suite.name}`
      : ` and suite ${suite.name} has no recordings for ${names} (record them with --update-recordings, which needs the key)`,
  );
}
