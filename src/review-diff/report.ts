import type { Finding } from "../domain/finding.js";
import { toSarif } from "./sarif.js";

export const REPORT_FORMATS = ["terminal", "json", "sarif"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export type LocatedFinding = Finding & { auditor: string };

/** The lines to print for `findings` in a format: one SARIF document, one JSON object a finding, or a table. */
export function reportLines(
  findings: readonly LocatedFinding[],
  format: ReportFormat,
  version: string,
  sanitize: (s: string) => string,
): string[] {
  if (format === "sarif") return [JSON.stringify(toSarif(findings, version), null, 2)];
  if (format === "json") {
    return findings.map((f) =>
      JSON.stringify({
        file: f.location?.file,
        line: f.location?.line,
        column: f.location?.column,
        ruleId: f.ruleId,
        severity: f.severity,
        message: f.message,
        auditor: f.auditor,
      }),
    );
  }
  return findings.map((f) => {
    const where = `${f.location?.file ?? "?"}:${f.location?.line ?? "?"}:${f.location?.column ?? 1}`;
    return sanitize(`${f.severity.padEnd(8)} ${f.ruleId.padEnd(22)} ${where}  ${f.message}`);
  });
}
