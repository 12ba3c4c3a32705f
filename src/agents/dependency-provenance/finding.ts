import type { Severity } from "../../domain/finding.js";

/** The rules of dependencyProvenance(), with CWE and fix hint. */
export const DEPENDENCY_RULES = {
  "dep.new-dependency": {
    cwe: 1357,
    title: "new dependency",
    fix: "check the package's owner, age and downloads before adding it",
  },
  "dep.install-script": {
    cwe: 829,
    title: "install script",
    fix: "review the script; install with --ignore-scripts or allow-list it",
  },
  "dep.git-source": {
    cwe: 829,
    title: "dependency from git",
    fix: "depend on a published, versioned release from the registry",
  },
  "dep.url-source": {
    cwe: 829,
    title: "dependency from a URL or file",
    fix: "depend on a published, versioned release from the registry",
  },
  "dep.unpinned": {
    cwe: 1357,
    title: "unpinned version",
    fix: "pin an exact version or a bounded range, and commit the lockfile",
  },
  "dep.typosquat": {
    cwe: 1357,
    title: "possible typosquat",
    fix: "check the name: it is one edit away from a popular package",
  },
  "dep.no-integrity": {
    cwe: 494,
    title: "lockfile entry without integrity hash",
    fix: "regenerate the lockfile from the registry so every entry has an integrity hash",
  },
  "dep.foreign-registry": {
    cwe: 829,
    title: "package from another registry",
    fix: "resolve packages from the configured registry only",
  },
} as const;
export type DependencyRuleId = keyof typeof DEPENDENCY_RULES;

/** One located finding about a dependency change. */
export interface DependencyFinding {
  readonly ruleId: DependencyRuleId;
  readonly severity: Severity;
  readonly message: string;
  readonly fix: string;
  readonly cwe: number;
  readonly file: string;
  readonly line: number;
}

/** Collects findings for one manifest, locating each at the first line that mentions `needle`. */
export class ManifestReport {
  readonly findings: DependencyFinding[] = [];
  private readonly lines: string[];

  constructor(
    private readonly file: string,
    content: string,
  ) {
    this.lines = content.split("\n");
  }

  lineOf(needle: string, from = 1): number {
    for (let i = Math.max(0, from - 1); i < this.lines.length; i++)
      if (this.lines[i]?.includes(needle)) return i + 1;
    return 1;
  }

  add(ruleId: DependencyRuleId, severity: Severity, message: string, line: number): void {
    const rule = DEPENDENCY_RULES[ruleId];
    this.findings.push({
      ruleId,
      severity,
      message: `${rule.title}: ${message}`,
      fix: rule.fix,
      cwe: rule.cwe,
      file: this.file,
      line,
    });
  }
}
