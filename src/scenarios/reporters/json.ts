import type { ScenarioReport } from "../report.js";

/** The JSON report: the whole ScenarioReport (the same numbers as every other reporter). */
export function renderJson(report: ScenarioReport): string {
  return JSON.stringify(report, null, 2);
}
