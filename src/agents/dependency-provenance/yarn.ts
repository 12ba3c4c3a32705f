import { type DependencyFinding, ManifestReport } from "./finding.js";
import type { NpmPolicy } from "./npm.js";

/** Hosts that serve the public npm registry under another name. */
const NPM_MIRRORS = new Set(["registry.yarnpkg.com", "registry.npmjs.org"]);

interface YarnEntry {
  readonly header: string;
  readonly line: number;
  readonly fields: Map<string, string>;
}

/** Entries of a classic (v1) yarn.lock: a header line `"a@^1", a@^1.1:` and indented `key value` fields. */
function entries(content: string): YarnEntry[] {
  const out: YarnEntry[] = [];
  let current: YarnEntry | undefined;
  content.split("\n").forEach((raw, index) => {
    if (raw.trim() === "" || raw.startsWith("#")) return;
    if (!/^\s/.test(raw) && raw.trimEnd().endsWith(":")) {
      current = { header: raw.trim().slice(0, -1), line: index + 1, fields: new Map() };
      out.push(current);
      return;
    }
    const field = /^\s{2}(\w+)\s+"?([^"]*)"?\s*$/.exec(raw);
    if (current && field) current.fields.set(field[1] as string, field[2] as string);
  });
  return out;
}

/**
 * yarn.lock (classic v1): entries resolved from another registry, without an integrity hash,
 * or from git. Berry lockfiles (`__metadata:`) are not read.
 */
export function checkYarnLock(
  file: string,
  content: string,
  previous: string | undefined,
  policy: NpmPolicy,
): DependencyFinding[] {
  if (/^__metadata:/m.test(content)) return [];
  const report = new ManifestReport(file, content);
  const before = new Map(
    (previous === undefined ? [] : entries(previous)).map((e) => [e.header, e.fields.get("resolved")]),
  );
  for (const entry of entries(content)) {
    const resolved = entry.fields.get("resolved");
    if (!resolved || before.get(entry.header) === resolved) continue;
    const name = entry.header.split(",")[0]?.replace(/"/g, "").trim() ?? entry.header;
    if (/^git|^github:|\.git(#|$)/.test(resolved)) {
      report.add("dep.git-source", "medium", `${name} resolves from ${resolved}`, entry.line);
      continue;
    }
    let host: string | undefined;
    try {
      host = new URL(resolved).host;
    } catch {
      continue;
    }
    if (host !== policy.registryHost && !NPM_MIRRORS.has(host)) {
      report.add(
        "dep.foreign-registry",
        "high",
        `${name} resolves from ${host}, not ${policy.registryHost}`,
        entry.line,
      );
    }
    if (!entry.fields.has("integrity"))
      report.add("dep.no-integrity", "high", `${name} (${resolved}) has no integrity hash`, entry.line);
  }
  return report.findings;
}
