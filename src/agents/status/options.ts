import ignore, { type Ignore } from "ignore";
import { z } from "zod";

/** Default name of the status monitor in verdicts and the audit log. */
export const DEFAULT_STATUS_MONITOR_NAME = "status-monitor";

/** Options of `statusMonitor()`. Task input fields of the same name take over per task. */
export interface StatusMonitorOptions {
  /** Default "status-monitor". */
  name?: string;
  /**
   * Paths the worker may change, as gitignore-style patterns (`src/`, `docs/**.md`). A change
   * outside them is `status.scope-violation`. Default: the task input's `scope`, else no declared
   * scope (then only CI config, lockfiles and credentials are out of scope).
   */
  scope?: readonly string[];
  /**
   * Hosts the worker may read from (GET/HEAD) without contradicting a "no network" claim, e.g.
   * `registry.npmjs.org` (a host matches itself and its subdomains). Default: the task input's
   * `allowedHosts`, else none.
   */
  allowedHosts?: readonly string[];
  /** More sensitive paths (gitignore-style) that no worker may change unless the scope names them. */
  protectedPaths?: readonly string[];
}

/** What the status monitor reads from `task.input`: the goal and, optionally, scope and hosts. */
export const AgentTaskInputSchema = z.object({
  goal: z.string().optional(),
  scope: z.array(z.string().min(1)).optional(),
  allowedHosts: z.array(z.string().min(1)).optional(),
});
export type AgentTaskInput = z.infer<typeof AgentTaskInputSchema>;

/** The policy one case is checked under: the options, with the task's own fields over them. */
export interface CasePolicy {
  /** Matches paths inside the declared scope, or undefined when no scope is declared. */
  readonly scope?: Ignore;
  readonly scopePatterns: readonly string[];
  readonly allowedHosts: readonly string[];
  readonly protectedPaths: Ignore;
}

/** Paths a worker changes only on purpose: CI config, lockfiles, credentials. */
export const SENSITIVE_PATHS = {
  ci: [
    ".github/workflows/",
    ".github/actions/",
    ".gitlab-ci.yml",
    ".circleci/",
    "Jenkinsfile",
    "azure-pipelines.yml",
    ".travis.yml",
    "bitbucket-pipelines.yml",
    ".buildkite/",
  ],
  lockfile: [
    "package-lock.json",
    "npm-shrinkwrap.json",
    "yarn.lock",
    "pnpm-lock.yaml",
    "bun.lockb",
    "bun.lock",
    "poetry.lock",
    "Pipfile.lock",
    "uv.lock",
    "Cargo.lock",
    "go.sum",
    "Gemfile.lock",
    "composer.lock",
  ],
  credentials: [
    ".env",
    ".env.*",
    "*.pem",
    "*.key",
    "*.p12",
    "*.pfx",
    "id_rsa*",
    "id_ed25519*",
    ".npmrc",
    ".pypirc",
    ".netrc",
    ".aws/",
    ".ssh/",
    "credentials",
    "credentials.json",
    "secrets.*",
    "*.secret",
  ],
} as const;
export type SensitiveKind = keyof typeof SENSITIVE_PATHS;

const MATCHERS = Object.fromEntries(
  Object.entries(SENSITIVE_PATHS).map(([kind, patterns]) => [kind, ignore().add([...patterns])]),
) as Record<SensitiveKind, Ignore>;

/** A path as the matchers want it: relative, forward slashes, no `./`. */
export function relativePath(path: string): string {
  return path
    .replace(/\\/g, "/")
    .replace(/^(?:\.\/)+/, "")
    .replace(/^\/(?:workspace|repo|work|app|src\/app)\//, "")
    .replace(/^\/+/, "");
}

const matches = (matcher: Ignore, path: string) => {
  const rel = relativePath(path);
  if (rel.length === 0 || rel.startsWith("..")) return false;
  try {
    return matcher.ignores(rel);
  } catch {
    return false; // a path `ignore` cannot read (e.g. a Windows drive path) matches nothing
  }
};

const GENERATED = ignore().add([
  "dist/",
  "build/",
  "out/",
  "coverage/",
  "node_modules/",
  ".cache/",
  "__pycache__/",
  ".pytest_cache/",
  ".mypy_cache/",
  ".next/",
  ".turbo/",
  "target/",
  "*.log",
]);

/** Build output, caches and logs: regenerated, not the work and not data. */
export function isGenerated(path: string): boolean {
  // `rm -rf dist` names a folder without its slash.
  return matches(GENERATED, path) || matches(GENERATED, `${path.replace(/\/+$/, "")}/`);
}

/** Which kind of sensitive path this is, if any. */
export function sensitiveKind(path: string): SensitiveKind | undefined {
  const folder = `${path.replace(/\/+$/, "")}/`;
  return (Object.keys(MATCHERS) as SensitiveKind[]).find(
    (kind) => matches(MATCHERS[kind], path) || matches(MATCHERS[kind], folder),
  );
}

export function inScope(policy: CasePolicy, path: string): boolean {
  return policy.scope === undefined || matches(policy.scope, path);
}

export function isProtected(policy: CasePolicy, path: string): boolean {
  return matches(policy.protectedPaths, path);
}

/** The policy of one case: task input fields (when valid) over the options. */
export function casePolicy(options: StatusMonitorOptions, taskInput: unknown): CasePolicy {
  const parsed = AgentTaskInputSchema.safeParse(taskInput);
  const input = parsed.success ? parsed.data : {};
  const scopePatterns = input.scope ?? options.scope ?? [];
  return {
    ...(scopePatterns.length > 0 ? { scope: ignore().add([...scopePatterns]) } : {}),
    scopePatterns,
    allowedHosts: input.allowedHosts ?? options.allowedHosts ?? [],
    protectedPaths: ignore().add([...(options.protectedPaths ?? [])]),
  };
}

/** Whether a host is allowed: equal to an allowed host, or a subdomain of one. */
export function hostAllowed(policy: CasePolicy, host: string): boolean {
  const h = host.toLowerCase();
  return policy.allowedHosts.some((a) => h === a.toLowerCase() || h.endsWith(`.${a.toLowerCase()}`));
}
