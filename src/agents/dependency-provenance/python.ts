import { type DependencyFinding, ManifestReport } from "./finding.js";
import { imitatedName } from "./typosquat.js";

/** What the Python checks need to know. */
export interface PythonPolicy {
  readonly popular: ReadonlySet<string>;
  /** Index host requirements may name, e.g. "pypi.org". */
  readonly indexHost: string;
}

const REQUIREMENT = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(.*)$/;

/** requirements*.txt: git/URL requirements, other indexes, unpinned versions, typosquats. */
export function checkRequirements(
  file: string,
  content: string,
  previous: string | undefined,
  policy: PythonPolicy,
): DependencyFinding[] {
  const report = new ManifestReport(file, content);
  const before = new Set((previous ?? "").split("\n").map((l) => l.trim()));
  content.split("\n").forEach((raw, index) => {
    const line = index + 1;
    const text = raw.replace(/(^|\s)#.*$/, "").trim();
    if (text === "" || before.has(raw.trim())) return;
    const index_ = /^(--index-url|-i|--extra-index-url|--find-links|-f)\s*=?\s*(\S+)/.exec(text);
    if (index_) {
      const host = hostOf(index_[2] ?? "");
      if (host !== policy.indexHost && host !== "files.pythonhosted.org")
        report.add(
          "dep.foreign-registry",
          "high",
          `${index_[1]} ${host ?? index_[2]} is not ${policy.indexHost}`,
          line,
        );
      return;
    }
    if (/^-(r|c)\s|^--(requirement|constraint)/.test(text)) return;
    const editable = text.replace(/^(-e|--editable)\s+/, "");
    if (/^git\+|@\s*git\+/.test(editable)) {
      report.add("dep.git-source", "medium", `${editable.slice(0, 100)}`, line);
      return;
    }
    if (/^(https?:|file:)|@\s*(https?:|file:)/.test(editable)) {
      report.add("dep.url-source", "medium", `${editable.slice(0, 100)}`, line);
      return;
    }
    const match = REQUIREMENT.exec(editable);
    if (!match) return;
    const name = match[1] ?? "";
    const spec = (match[3] ?? "").split(";")[0]?.trim() ?? "";
    if (previous !== undefined) report.add("dep.new-dependency", "info", `${name}${spec}`, line);
    if (spec === "") report.add("dep.unpinned", "medium", `${name} has no version constraint`, line);
    else if (!/==|~=|<|===/.test(spec))
      report.add("dep.unpinned", "low", `${name}${spec} has no upper bound`, line);
    const imitated = imitatedName(name, policy.popular);
    if (imitated) report.add("dep.typosquat", "high", `${name} is one edit away from ${imitated}`, line);
  });
  return report.findings;
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}
