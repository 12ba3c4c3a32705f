import type { Command } from "commander";
import { analyzeFiles, toFinding } from "../agents/code-security/auditor.js";
import { checkDependencyFiles, toDependencyFinding } from "../agents/dependency-provenance/auditor.js";
import { severityRank } from "../domain/finding.js";
import { type LocatedFinding, reportLines } from "../review-diff/report.js";
import { readScanned, scanFiles } from "../review-diff/scan-files.js";
import { EXIT } from "./context.js";
import { safeText } from "./format.js";
import type { CommandContext } from "./main.js";
import { addReportOptions, type ReportFlags, reportOptions } from "./review-diff.js";

/** Files read at once: bounds memory on large trees. */
const BATCH = 200;

export function registerScan(program: Command, { io, setExit }: CommandContext): void {
  const scan = program
    .command("scan")
    .description(
      "audit whole files or folders, respecting .gitignore (exit 0 clean, 1 findings at --fail-on, 2 bad input)",
    )
    .argument("<paths...>", "files or folders");
  addReportOptions(scan).action(async (paths: string[], flags: ReportFlags) => {
    const { format, failOn, minSeverity } = reportOptions(flags);
    const { files, skipped } = scanFiles(paths);
    const findings: LocatedFinding[] = [];
    for (let i = 0; i < files.length; i += BATCH) {
      const batch = readScanned(files.slice(i, i + BATCH));
      for (const f of await analyzeFiles(batch)) findings.push({ ...toFinding(f), auditor: "code-security" });
      for (const f of checkDependencyFiles(batch))
        findings.push({ ...toDependencyFinding(f), auditor: "dependency-provenance" });
    }
    const shown = findings.filter((f) => severityRank(f.severity) >= severityRank(minSeverity));
    for (const line of reportLines(shown, format, program.version() ?? "0", safeText)) io.out(line);
    io.err(
      `scanned ${files.length} file(s)${skipped > 0 ? `, skipped ${skipped} larger than 2 MB` : ""}; ${shown.length} finding(s) at ${minSeverity} or above`,
    );
    setExit(findings.some((f) => severityRank(f.severity) >= severityRank(failOn)) ? EXIT.rejected : EXIT.ok);
  });
}
