import fs from "node:fs";
import path from "node:path";
import { Cassette } from "../agents/model/cassette.js";
import { currentRecording, type RecordingMode, runWithRecordings } from "../agents/model/replay-context.js";
import type { CaseResult } from "../graph/case-result.js";
import type { ParsedScenarioCase } from "./suite.js";

/** A case name as a file name: lowercase words joined by dashes. */
export function caseSlug(name: string): string {
  const slug = name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80);
  return slug === "" ? "case" : slug;
}

/** Where a case's model-call recordings live: `recordings/<case>.json` beside the suite file. */
export function cassettePath(suiteFile: string, caseName: string): string {
  return path.join(path.dirname(path.resolve(suiteFile)), "recordings", `${caseSlug(caseName)}.json`);
}

/** Whether a case has a recordings file (replay mode can run it without a live model). */
export function hasCassette(suiteFile: string, caseName: string): boolean {
  return fs.existsSync(cassettePath(suiteFile, caseName));
}

/**
 * Runs each case of a suite with its cassette as the model-call recording context: model calls
 * made anywhere in the case (worker or auditors) are replayed from the cassette, or recorded to
 * it with `mode: "record"` (then entries the case no longer makes are pruned).
 */
export function withCaseRecordings(suiteFile: string, mode: RecordingMode) {
  return async (
    c: ParsedScenarioCase,
    run: () => Promise<CaseResult>,
  ): Promise<{ result: CaseResult; problems: string[] }> => {
    const cassette = await Cassette.load(cassettePath(suiteFile, c.name));
    let problems: string[] = [];
    const result = await runWithRecordings({ cassette, mode, caseName: c.name, suite: suiteFile }, () => {
      problems = currentRecording()?.problems ?? [];
      return run();
    });
    if (mode === "record" && cassette.size > 0) {
      cassette.prune();
      await cassette.save();
    }
    return { result, problems };
  };
}
