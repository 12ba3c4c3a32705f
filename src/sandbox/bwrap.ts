import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { CrosscheckError } from "../errors.js";
import { type ResolvedSandboxOptions, SANDBOX_PATH, SANDBOX_WORKSPACE } from "./options.js";

/** How to get bubblewrap, for every message that needs it. */
export const BWRAP_INSTALL =
  "install bubblewrap: apt-get install -y bubblewrap (Debian/Ubuntu) or dnf install bubblewrap";

/** Top-level system directories: bound read-only, or recreated as the same symlink (merged /usr). */
const SYSTEM_DIRS = ["/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"];
/** The few files of /etc that dynamic linking, locales and name lookups read. No passwd, no shadow. */
const ETC_FILES = [
  "/etc/ld.so.cache",
  "/etc/ld.so.conf",
  "/etc/ld.so.conf.d",
  "/etc/alternatives",
  "/etc/localtime",
  "/etc/nsswitch.conf",
  "/etc/hosts",
];
/** Added only with network: resolving names and checking certificates. */
const ETC_NETWORK_FILES = ["/etc/resolv.conf", "/etc/ssl", "/etc/ca-certificates", "/etc/pki"];
/** The uid and gid the command runs as inside (never 0: all capabilities are dropped). */
const SANDBOX_UID = "1000";

/** The first `bwrap` on PATH (or CROSSCHECK_BWRAP), if any. */
export function findBwrap(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const override = env["CROSSCHECK_BWRAP"];
  if (override !== undefined) return fs.existsSync(override) ? override : undefined;
  for (const dir of (env["PATH"] ?? "/usr/bin:/bin").split(path.delimiter)) {
    const candidate = path.join(dir, "bwrap");
    if (dir !== "" && fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** Whether bubblewrap is there and can create namespaces here: `ok`, or why not. */
export type BwrapStatus = { ok: true; path: string } | { ok: false; reason: string };

const probed = new Map<string, BwrapStatus>();

/**
 * Checks that bubblewrap runs (`bwrap --unshare-all --ro-bind / / true`), once per bwrap path
 * per process. `CROSSCHECK_BWRAP` names another bwrap binary.
 */
export function bwrapStatus(): BwrapStatus {
  const bwrap = findBwrap();
  if (bwrap === undefined) {
    return { ok: false, reason: `bubblewrap (bwrap) is not installed; ${BWRAP_INSTALL}` };
  }
  const known = probed.get(bwrap);
  if (known !== undefined) return known;
  const probe = spawnSync(bwrap, ["--unshare-all", "--ro-bind", "/", "/", "true"], {
    encoding: "utf8",
    timeout: 10_000,
  });
  const status: BwrapStatus =
    probe.status === 0
      ? { ok: true, path: bwrap }
      : {
          ok: false,
          reason: `${bwrap} cannot create namespaces here (${(probe.stderr ?? "").trim() || `exit ${probe.status}`}); enable unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1) or run where they are allowed`,
        };
  probed.set(bwrap, status);
  return status;
}

/** The bwrap path, or SANDBOX_UNAVAILABLE saying how to install it or what else to do. */
export function requireBwrap(): string {
  const status = bwrapStatus();
  if (status.ok) return status.path;
  throw new CrosscheckError(
    "SANDBOX_UNAVAILABLE",
    `cannot sandbox the command: ${status.reason}; or allow unsandboxed execution explicitly (allowUnsandboxed: true; crosscheck sandbox exec --allow-unsandboxed), which is recorded as not sandboxed`,
  );
}

function systemDirArgs(): string[] {
  const args: string[] = ["--ro-bind", "/usr", "/usr"];
  for (const dir of SYSTEM_DIRS) {
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(dir);
    } catch {
      continue;
    }
    if (stat.isSymbolicLink()) args.push("--symlink", fs.readlinkSync(dir), dir);
    else if (stat.isDirectory()) args.push("--ro-bind", dir, dir);
  }
  return args;
}

/** The Node.js install running us, when it lives outside /usr (nvm, /opt): mounted read-only. */
function nodeInstallDir(): string | undefined {
  const dir = path.dirname(path.dirname(fs.realpathSync(process.execPath)));
  return dir === "/usr" || dir.startsWith("/usr/") ? undefined : dir;
}

/**
 * The bwrap arguments before the command: every namespace unshared (network only when
 * allowed), no capabilities, a non-root uid, system directories read-only, the workspace
 * writable at /workspace, a private /tmp, /proc and a minimal /dev, no home, a cleared environment.
 */
export function bwrapArgs(options: ResolvedSandboxOptions): string[] {
  const args = [
    "--unshare-all",
    "--unshare-user",
    ...(options.network ? ["--share-net"] : []),
    "--die-with-parent",
    "--new-session",
    "--cap-drop",
    "ALL",
    "--uid",
    SANDBOX_UID,
    "--gid",
    SANDBOX_UID,
    "--disable-userns",
    "--hostname",
    "sandbox",
    ...systemDirArgs(),
  ];
  for (const file of [...ETC_FILES, ...(options.network ? ETC_NETWORK_FILES : [])]) {
    args.push("--ro-bind-try", file, file);
  }
  const node = nodeInstallDir();
  if (node !== undefined) args.push("--ro-bind", node, node);
  args.push("--proc", "/proc", "--dev", "/dev");
  args.push("--size", String(options.maxFileMb * 1024 * 1024), "--tmpfs", "/tmp");
  for (const dir of options.readOnly) args.push("--ro-bind", dir, dir);
  for (const dir of options.writable) args.push("--bind", dir, dir);
  args.push("--bind", options.workspace, SANDBOX_WORKSPACE, "--chdir", options.cwd);
  args.push("--clearenv");
  const searchPath = node === undefined ? SANDBOX_PATH : `${node}/bin:${SANDBOX_PATH}`;
  const env = { PATH: searchPath, HOME: "/tmp", TMPDIR: "/tmp", ...options.env };
  for (const [name, value] of Object.entries(env)) args.push("--setenv", name, value);
  return args;
}
