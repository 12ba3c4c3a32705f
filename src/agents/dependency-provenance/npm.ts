import { type DependencyFinding, ManifestReport } from "./finding.js";
import { imitatedName } from "./typosquat.js";

const DEP_FIELDS = ["dependencies", "devDependencies", "optionalDependencies", "peerDependencies"] as const;
const INSTALL_SCRIPTS = ["preinstall", "install", "postinstall", "prepare", "prepublish"];

/** What the npm checks need to know about the project. */
export interface NpmPolicy {
  readonly popular: ReadonlySet<string>;
  /** Registry host entries must resolve from, e.g. "registry.npmjs.org". */
  readonly registryHost: string;
}

type Json = Record<string, unknown>;

function parseObject(text: string | undefined): Json | undefined {
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
  } catch {
    return undefined;
  }
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** Classifies a version spec: git, url/file, unpinned, or fine. */
export function classifySpec(spec: string): "git" | "url" | "unpinned" | "ok" {
  const s = spec.trim();
  if (/^(git\+|git:|github:|gitlab:|bitbucket:)/.test(s) || /^[\w.-]+\/[\w.-]+(#.*)?$/.test(s)) return "git";
  if (/^(https?:|file:|link:|\.{0,2}\/)/.test(s)) return "url";
  if (
    s === "" ||
    s === "*" ||
    s === "latest" ||
    s === "x" ||
    /^>=?\s*[\d.]+\s*$/.test(s) ||
    /^(next|canary|beta)$/.test(s)
  )
    return "unpinned";
  return "ok";
}

/** Reports a git/URL source, an unpinned spec, and (given popular names) a typosquat. */
export function checkSpec(
  report: ManifestReport,
  name: string,
  spec: string,
  line: number,
  popular: ReadonlySet<string> | undefined,
): void {
  const kind = classifySpec(spec);
  if (kind === "git") report.add("dep.git-source", "medium", `${name} comes from ${spec}`, line);
  else if (kind === "url") report.add("dep.url-source", "medium", `${name} comes from ${spec}`, line);
  else if (kind === "unpinned") {
    report.add("dep.unpinned", "medium", `${name}@${JSON.stringify(spec)} accepts any future release`, line);
  }
  const imitated = popular ? imitatedName(name, popular) : undefined;
  if (imitated) report.add("dep.typosquat", "high", `${name} is one edit away from ${imitated}`, line);
}

/**
 * package.json: new dependencies, git/URL specs, unpinned versions, typosquats, install scripts.
 * Undefined when the text is not a JSON object (a fragment: see checkPackageJsonFragment).
 */
export function checkPackageJson(
  file: string,
  content: string,
  previous: string | undefined,
  policy: NpmPolicy,
): DependencyFinding[] | undefined {
  const report = new ManifestReport(file, content);
  const now = parseObject(content);
  if (!now) return undefined;
  const before = parseObject(previous);
  for (const field of DEP_FIELDS) {
    const deps = record(now[field]);
    const old = record(before?.[field]);
    const fieldLine = report.lineOf(`"${field}"`);
    for (const [name, raw] of Object.entries(deps)) {
      const spec = typeof raw === "string" ? raw : "";
      if (before && old[name] === spec) continue;
      const line = report.lineOf(`"${name}"`, fieldLine);
      const isNew = !(name in old);
      if (isNew && before) report.add("dep.new-dependency", "info", `${name}@${spec} in ${field}`, line);
      checkSpec(report, name, spec, line, isNew ? policy.popular : undefined);
    }
  }
  const scripts = record(now["scripts"]);
  const oldScripts = record(before?.["scripts"]);
  for (const hook of INSTALL_SCRIPTS) {
    const script = scripts[hook];
    if (typeof script === "string" && oldScripts[hook] !== script) {
      report.add(
        "dep.install-script",
        "medium",
        `"${hook}" runs \`${script.slice(0, 80)}\` on every install`,
        report.lineOf(`"${hook}"`),
      );
    }
  }
  return report.findings;
}

/** package-lock.json (v1-v3): entries without integrity, from other registries, with install scripts. */
export function checkPackageLock(
  file: string,
  content: string,
  previous: string | undefined,
  policy: NpmPolicy,
): DependencyFinding[] {
  const report = new ManifestReport(file, content);
  const now = parseObject(content);
  if (!now) return [];
  const entries = lockEntries(now);
  const before = previous === undefined ? undefined : lockEntries(parseObject(previous) ?? {});
  for (const [key, entry] of entries) {
    if (key === "" || entry["link"] === true) continue;
    const resolved = typeof entry["resolved"] === "string" ? entry["resolved"] : undefined;
    const old = before?.get(key);
    if (old && old["resolved"] === resolved && old["integrity"] === entry["integrity"]) continue;
    const name = key.replace(/^.*node_modules\//, "");
    const line = report.lineOf(`"${key}"`);
    if (resolved && /^https?:/.test(resolved)) {
      const host = safeHost(resolved);
      if (host !== policy.registryHost)
        report.add(
          "dep.foreign-registry",
          "high",
          `${name} resolves from ${host ?? resolved}, not ${policy.registryHost}`,
          line,
        );
      if (typeof entry["integrity"] !== "string")
        report.add("dep.no-integrity", "high", `${name} (${resolved}) has no integrity hash`, line);
    } else if (resolved && /^git/.test(resolved)) {
      report.add("dep.git-source", "medium", `${name} resolves from ${resolved}`, line);
    }
    if (entry["hasInstallScript"] === true && !old?.["hasInstallScript"]) {
      report.add("dep.install-script", "medium", `${name} runs an install script`, line);
    }
  }
  return report.findings;
}

function lockEntries(lock: Json): Map<string, Json> {
  const out = new Map<string, Json>();
  const packages = record(lock["packages"]);
  if (Object.keys(packages).length > 0) {
    for (const [key, value] of Object.entries(packages)) out.set(key, record(value));
    return out;
  }
  const walk = (deps: Record<string, unknown>, prefix: string) => {
    for (const [name, value] of Object.entries(deps)) {
      const entry = record(value);
      const key = `${prefix}node_modules/${name}`;
      out.set(key, entry);
      walk(record(entry["dependencies"]), `${key}/`);
    }
  };
  walk(record(lock["dependencies"]), "");
  return out;
}

function safeHost(url: string): string | undefined {
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}
