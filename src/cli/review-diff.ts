import fs from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { SEVERITIES, type Severity, severityRank } from "../domain/finding.js";
import { CrosscheckError } from "../errors.js";
import { collectChanges, isReviewed, type ReviewSource } from "../review-diff/collect.js";
import { debtLine, verificationDebt } from "../review-diff/debt.js";
import {
  type LocatedFinding,
  REPORT_FORMATS,
  type ReportFormat,
  reportLines,
} from "../review-diff/report.js";
import { reviewTask, reviewWorkflow } from "../review-diff/workflow.js";
import { EXIT, globalOptions } from "./context.js";
import { safeText } from "./format.js";
import type { CommandContext } from "./main.js";

/** The output options `review-diff` and `scan` share. */
export interface ReportFlags {
  format: string;
  failOn: string;
  minSeverity: string;
}

interface ReviewFlags extends ReportFlags {
  repo?: string;
  base?: string;
  head?: string;
  diff?: string;
}

export function addReportOptions(command: Command): Command {
  return command
    .option("--format <format>", `output: ${REPORT_FORMATS.join(", ")}`, "terminal")
    .option(
      "--fail-on <severity>",
      `exit 1 on a finding at this severity or above (${SEVERITIES.join(", ")})`,
      "high",
    )
    .option("--min-severity <severity>", "report findings at this severity or above", "medium");
}

export function reportOptions(flags: ReportFlags): {
  format: ReportFormat;
  failOn: Severity;
  minSeverity: Severity;
} {
  return {
    format: oneOf<ReportFormat>("--format", flags.format, REPORT_FORMATS),
    failOn: oneOf<Severity>("--fail-on", flags.failOn, SEVERITIES),
    minSeverity: oneOf<Severity>("--min-severity", flags.minSeverity, SEVERITIES),
  };
}

export function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new CrosscheckError(
      "USAGE",
      `${flag} ${JSON.stringify(value)} is not one of ${allowed.join(", ")}`,
    );
  }
  return value as T;
}

async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

async function sourceOf(flags: ReviewFlags, stdin: NodeJS.ReadableStream): Promise<ReviewSource> {
  if (flags.diff !== undefined) {
    if (flags.base !== undefined || flags.head !== undefined) {
      throw new CrosscheckError(
        "USAGE",
        "--diff cannot be combined with --base/--head: give a diff file or a git range, not both",
      );
    }
    if (flags.diff === "-") return { kind: "diff", text: await readStream(stdin) };
    if (!fs.existsSync(flags.diff))
      throw new CrosscheckError(
        "USAGE",
        `--diff ${flags.diff} does not exist: pass a unified diff file, or - for stdin`,
      );
    return { kind: "diff", text: fs.readFileSync(flags.diff, "utf8") };
  }
  const repo = path.resolve(flags.repo ?? ".");
  if (!fs.existsSync(repo))
    throw new CrosscheckError("USAGE", `--repo ${repo} does not exist: pass the folder of a git repository`);
  return {
    kind: "git",
    repo,
    ...(flags.base ? { base: flags.base } : {}),
    ...(flags.head ? { head: flags.head } : {}),
  };
}

export function registerReviewDiff(program: Command, { io, setExit }: CommandContext): void {
  const review = program
    .command("review-diff")
    .description(
      "audit the changed lines of a git range or a unified diff (exit 0 clean, 1 findings at --fail-on, 2 bad input, 3 escalated)",
    )
    .option("--repo <dir>", "git repository", ".")
    .option("--base <rev>", "base revision (default HEAD)")
    .option("--head <rev>", "head revision (default: the working tree)")
    .option("--diff <file>", "read a unified diff from a file instead of git; - reads stdin");
  addReportOptions(review).action(async (flags: ReviewFlags, command: Command) => {
    const { format, failOn, minSeverity } = reportOptions(flags);
    const global = globalOptions(command);
    const source = await sourceOf(flags, io.stdin);
    const files = await collectChanges(source);
    let findings: LocatedFinding[] = [];
    let outcome = "accepted";
    let caseId: string | undefined;
    if (files.some((f) => isReviewed(f.path) || f.content !== "")) {
      const workflow = reviewWorkflow({ failOn });
      try {
        const label =
          source.kind === "git" ? `${source.base ?? "HEAD"}...${source.head ?? "working tree"}` : "diff";
        const result = await workflow.run(reviewTask(files, label), { db: global.db });
        findings = result.findings;
        outcome = result.outcome;
        caseId = result.caseId;
      } finally {
        workflow.close();
      }
    }
    const shown = findings
      .filter((f) => severityRank(f.severity) >= severityRank(minSeverity) && f.location?.file !== undefined)
      .sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
    const debt = verificationDebt(files, shown);
    for (const line of reportLines(shown, format, program.version() ?? "0", safeText)) io.out(line);
    if (format === "terminal") {
      io.out(
        `${shown.length} finding(s) at ${minSeverity} or above; decision ${outcome}${caseId ? ` (case ${caseId})` : ""}`,
      );
    }
    io.err(debtLine(debt));
    const blocking = findings.some((f) => severityRank(f.severity) >= severityRank(failOn));
    setExit(blocking ? EXIT.rejected : outcome === "escalated" ? EXIT.escalated : EXIT.ok);
  });
}
