import { type Finding, type Severity, severityRank } from "../../domain/finding.js";
import type { VerdictInput } from "../../domain/verdict.js";
import { type Auditor, defineAuditor } from "../auditor.js";
import { analyzeSource } from "./analyze.js";
import type { CodeFinding } from "./context.js";
import { languageOf } from "./parser.js";
import { type CodeFile, filesOf } from "./submission.js";
import { textSecretFindings } from "./text-secrets.js";

/** Options of {@link codeSecurity}. */
export interface CodeSecurityOptions {
  /** Auditor name in verdicts and the log. Default "code-security". */
  readonly name?: string;
  /** The verdict is `fail` when a finding is at least this severe. Default "medium". */
  readonly failOn?: Severity;
  /** Findings below this severity are dropped (noise control). Default "low". */
  readonly minSeverity?: Severity;
}

export const DEFAULT_FAIL_ON: Severity = "medium";
export const DEFAULT_MIN_SEVERITY: Severity = "low";

/** A CodeFinding as a domain Finding: rule id, severity, one-line message with CWE and fix, location. */
export function toFinding(f: CodeFinding): Finding {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    message: `${f.message} (CWE-${f.cwe}). Fix: ${f.fix}.`,
    location: { file: f.file, line: f.line, column: f.column },
    evidenceIds: [],
  };
}

/**
 * Analyses files: code with every rule, other text files for secrets. Only findings on changed
 * lines count when a file lists them.
 */
export async function analyzeFiles(files: readonly CodeFile[], signal?: AbortSignal): Promise<CodeFinding[]> {
  const findings: CodeFinding[] = [];
  for (const file of files) {
    if (signal?.aborted) break;
    const language = languageOf(file.path);
    const changed = file.changedLines ? new Set(file.changedLines) : undefined;
    const found = language
      ? await analyzeSource(file.content, language, file.path)
      : textSecretFindings(file.content, file.path);
    for (const f of found) if (!changed || changed.has(f.line)) findings.push(f);
  }
  return findings;
}

/**
 * Static security analysis of JavaScript, TypeScript and Python (tree-sitter; data flow from
 * sources to sinks within a function). Audits the output's content (code, `{files}`, `{diff}`
 * or a unified diff string), or the task's input when the output has no code.
 */
export function codeSecurity(options: CodeSecurityOptions = {}): Auditor {
  const failOn = options.failOn ?? DEFAULT_FAIL_ON;
  const minSeverity = options.minSeverity ?? DEFAULT_MIN_SEVERITY;
  return defineAuditor({
    name: options.name ?? "code-security",
    async audit(input, { signal }): Promise<VerdictInput> {
      try {
        const files = filesOf(input?.output?.content) ?? filesOf(input?.task?.input);
        // Code is analysed; any other text file is searched for secrets; binaries are skipped.
        const analysable = (files ?? []).filter(
          (f) => languageOf(f.path) !== undefined || !f.content.includes("\u0000"),
        );
        if (analysable.length === 0) {
          return {
            decision: "abstain",
            confidence: 0,
            findings: [],
            rationale: "no JavaScript, TypeScript or Python code to analyse",
          };
        }
        const all = await analyzeFiles(analysable, signal);
        if (signal?.aborted) {
          return {
            decision: "abstain",
            confidence: 0,
            findings: [],
            rationale: "stopped: the audit ran out of time",
          };
        }
        const kept = all.filter((f) => severityRank(f.severity) >= severityRank(minSeverity)).map(toFinding);
        const blocking = kept.filter((f) => severityRank(f.severity) >= severityRank(failOn));
        return {
          decision: blocking.length > 0 ? "fail" : "pass",
          confidence: blocking.length > 0 ? 0.9 : 0.8,
          findings: kept,
          rationale:
            blocking.length > 0
              ? `${blocking.length} finding(s) at ${failOn} or above in ${analysable.length} file(s)`
              : `no finding at ${failOn} or above in ${analysable.length} file(s)`,
        };
      } catch (error) {
        return {
          decision: "abstain",
          confidence: 0,
          findings: [
            {
              ruleId: "code.analysis-error",
              severity: "info",
              message: `analysis failed: ${error instanceof Error ? error.message : String(error)}`.slice(
                0,
                500,
              ),
              evidenceIds: [],
            },
          ],
          rationale: "the analysis failed; the code was not checked",
        };
      }
    },
  });
}
