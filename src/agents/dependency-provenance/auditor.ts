import { type Finding, type Severity, severityRank } from "../../domain/finding.js";
import type { VerdictInput } from "../../domain/verdict.js";
import { type Auditor, defineAuditor } from "../auditor.js";
import { type CodeFile, filesOf } from "../code-security/submission.js";
import type { DependencyFinding } from "./finding.js";
import { checkPackageJsonFragment } from "./fragment.js";
import { checkPackageJson, checkPackageLock } from "./npm.js";
import { POPULAR_NPM } from "./popular-npm.js";
import { POPULAR_PYPI } from "./popular-pypi.js";
import { checkRequirements } from "./python.js";
import { checkYarnLock } from "./yarn.js";

/** Options of {@link dependencyProvenance}. */
export interface DependencyProvenanceOptions {
  /** Auditor name. Default "dependency-provenance". */
  readonly name?: string;
  /** The npm registry lockfile entries must come from. Default "https://registry.npmjs.org". */
  readonly npmRegistry?: string;
  /** The Python index requirements may name. Default "https://pypi.org/simple". */
  readonly pythonIndex?: string;
  /** Extra popular package names to guard against typosquats (npm and PyPI). */
  readonly popular?: readonly string[];
  /** The verdict is `fail` when a finding is at least this severe. Default "high". */
  readonly failOn?: Severity;
}

export const DEFAULT_NPM_REGISTRY = "https://registry.npmjs.org";
export const DEFAULT_PYTHON_INDEX = "https://pypi.org/simple";

const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

/** Whether a path is a manifest or lockfile this auditor reads. */
export function isDependencyFile(path: string): boolean {
  return /(^|\/)(package\.json|package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|requirements[\w.-]*\.txt)$/.test(
    path,
  );
}

/** Checks every manifest and lockfile in `files`; findings on unchanged lines of a diff are dropped. */
export function checkDependencyFiles(
  files: readonly CodeFile[],
  options: DependencyProvenanceOptions = {},
): DependencyFinding[] {
  const npm = {
    popular: new Set([...POPULAR_NPM, ...(options.popular ?? [])]),
    registryHost: hostOf(options.npmRegistry ?? DEFAULT_NPM_REGISTRY),
  };
  const python = {
    popular: new Set([...POPULAR_PYPI, ...(options.popular ?? [])]),
    indexHost: hostOf(options.pythonIndex ?? DEFAULT_PYTHON_INDEX),
  };
  const out: DependencyFinding[] = [];
  for (const file of files) {
    const base = file.path.split("/").pop() ?? file.path;
    const changed = file.changedLines ? new Set(file.changedLines) : undefined;
    let found: DependencyFinding[] = [];
    if (base === "package.json") {
      found =
        checkPackageJson(file.path, file.content, file.previous, npm) ??
        (changed ? checkPackageJsonFragment(file.path, file.content, changed, npm) : []);
    } else if (base === "package-lock.json" || base === "npm-shrinkwrap.json") {
      found = checkPackageLock(file.path, file.content, file.previous, npm);
    } else if (base === "yarn.lock") {
      found = checkYarnLock(file.path, file.content, file.previous, npm);
    } else if (/^requirements[\w.-]*\.txt$/.test(base)) {
      found = checkRequirements(file.path, file.content, file.previous, python);
    }
    out.push(...(changed ? found.filter((f) => changed.has(f.line)) : found));
  }
  return out;
}

export function toDependencyFinding(f: DependencyFinding): Finding {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    message: `${f.message} (CWE-${f.cwe}). Fix: ${f.fix}.`,
    location: { file: f.file, line: f.line, column: 1 },
    evidenceIds: [],
  };
}

/**
 * Audits changes to package.json, package-lock.json and requirements files: new dependencies,
 * install scripts, git or URL sources, unpinned versions, typosquats, lockfile entries without
 * integrity, and registries other than the configured one.
 */
export function dependencyProvenance(options: DependencyProvenanceOptions = {}): Auditor {
  const failOn = options.failOn ?? "high";
  return defineAuditor({
    name: options.name ?? "dependency-provenance",
    audit(input): VerdictInput {
      try {
        const files = (filesOf(input?.output?.content) ?? filesOf(input?.task?.input) ?? []).filter((f) =>
          isDependencyFile(f.path),
        );
        if (files.length === 0)
          return {
            decision: "abstain",
            confidence: 0,
            findings: [],
            rationale: "no dependency manifest or lockfile changed",
          };
        const findings = checkDependencyFiles(files, options).map(toDependencyFinding);
        const blocking = findings.filter((f) => severityRank(f.severity) >= severityRank(failOn));
        return {
          decision: blocking.length > 0 ? "fail" : "pass",
          confidence: blocking.length > 0 ? 0.85 : 0.8,
          findings,
          rationale: `${findings.length} finding(s) in ${files.length} manifest(s), ${blocking.length} at ${failOn} or above`,
        };
      } catch (error) {
        return {
          decision: "abstain",
          confidence: 0,
          findings: [
            {
              ruleId: "dep.analysis-error",
              severity: "info",
              message:
                `dependency check failed: ${error instanceof Error ? error.message : String(error)}`.slice(
                  0,
                  500,
                ),
              evidenceIds: [],
            },
          ],
          rationale: "the dependency check failed; nothing was checked",
        };
      }
    },
  });
}
