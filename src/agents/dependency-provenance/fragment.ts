import { type DependencyFinding, ManifestReport } from "./finding.js";
import { checkSpec, type NpmPolicy } from "./npm.js";

const DEP_SECTIONS = /^(dependencies|devDependencies|optionalDependencies|peerDependencies)$/;
const INSTALL_HOOKS = /^(preinstall|install|postinstall|prepare|prepublish)$/;

/** The JSON object key a line sits in: the nearest `"key": {` above it with less indentation. */
function sectionOf(lines: readonly string[], index: number): string | undefined {
  const indent = /^\s*/.exec(lines[index] ?? "")?.[0].length ?? 0;
  for (let i = index - 1; i >= 0; i--) {
    const m = /^(\s*)"([^"]+)"\s*:\s*\{\s*$/.exec(lines[i] ?? "");
    if (m && (m[1]?.length ?? 0) < indent) return m[2];
  }
  return undefined;
}

/**
 * package.json seen only through diff hunks (not a whole JSON document): each changed line is
 * parsed as one JSON member and checked against the section it sits in.
 */
export function checkPackageJsonFragment(
  file: string,
  text: string,
  changed: ReadonlySet<number>,
  policy: NpmPolicy,
): DependencyFinding[] {
  const report = new ManifestReport(file, text);
  const lines = text.split("\n");
  for (const line of changed) {
    const raw = (lines[line - 1] ?? "").trim().replace(/,$/, "");
    let member: Record<string, unknown>;
    try {
      member = JSON.parse(`{${raw}}`) as Record<string, unknown>;
    } catch {
      continue;
    }
    const [name, value] = Object.entries(member)[0] ?? [];
    if (name === undefined || typeof value !== "string") continue;
    const section = sectionOf(lines, line - 1);
    if (section && DEP_SECTIONS.test(section)) {
      report.add("dep.new-dependency", "info", `${name}@${value} in ${section}`, line);
      checkSpec(report, name, value, line, policy.popular);
    } else if (section === "scripts" && INSTALL_HOOKS.test(name)) {
      report.add(
        "dep.install-script",
        "medium",
        `"${name}" runs \`${value.slice(0, 80)}\` on every install`,
        line,
      );
    }
  }
  return report.findings;
}
