import { spawn } from "node:child_process";
import { constants } from "node:os";
import path from "node:path";
import { CrosscheckError } from "../errors.js";
import { bwrapArgs, bwrapStatus, requireBwrap } from "./bwrap.js";
import { createCgroup, type SandboxCgroup } from "./cgroup.js";
import {
  findPrlimit,
  type LimitKind,
  limitsHit,
  rlimitArgs,
  rlimitsEnforced,
  signalOfExitCode,
} from "./limits.js";
import {
  type ResolvedSandboxOptions,
  resolveSandboxOptions,
  SANDBOX_PATH,
  SANDBOX_WORKSPACE,
  type SandboxOptions,
} from "./options.js";
import { CAPTURE_BYTES, OutputCapture } from "./output.js";

/** What one execution came to. */
export interface SandboxResult {
  /** The command as run (a string command runs as `/bin/sh -c <string>`). */
  command: string[];
  /**
   * The exit code; a command that died of signal n reports 128 + n, as a shell does (bubblewrap
   * passes exit statuses on that way), and `signal` names it.
   */
  exitCode: number;
  signal: string | null;
  /** The limit that stopped the command, if one did. */
  limitHit?: LimitKind;
  /** Every limit it ran into (a fork bomb that hits pids.max and then the timeout: both). */
  limitsHit: LimitKind[];
  /** stdout and stderr: the whole text, or its head and tail with a `[… N bytes cut …]` line. */
  stdoutTail: string;
  stderrTail: string;
  /** Bytes were cut from stdout or stderr (or the command was stopped for its output). */
  truncated: boolean;
  /** Bytes written to stdout + stderr in all. */
  outputBytes: number;
  durationMs: number;
  /** false when it ran without bubblewrap (`allowUnsandboxed`). */
  sandboxed: boolean;
  /** The protections that applied: `namespaces`, `rlimit:cpu`, `cgroup-v1:pids`, `timeout:kill`... */
  enforced: string[];
}

/** Adds the first process to each cgroup, then becomes the rest of the command line. */
const JOIN_CGROUPS =
  'n=$1; shift; while [ "$n" -gt 0 ]; do echo $$ > "$1" || exit 125; shift; n=$((n-1)); done; exec "$@"';

/** How long output may still arrive after the command exited. */
const PIPE_GRACE_MS = 2_000;

/** bwrap's monitor, its pid-1 reaper and prlimit count against pids.max too. */
const SANDBOX_OVERHEAD_PROCESSES = 3;

function commandLine(command: string[] | string): string[] {
  return typeof command === "string" ? ["/bin/sh", "-c", command] : [...command];
}

interface Plan {
  argv: string[];
  env: NodeJS.ProcessEnv;
  cwd: string | undefined;
  sandboxed: boolean;
  enforced: string[];
  cgroup: SandboxCgroup | undefined;
}

function plan(command: string[], options: ResolvedSandboxOptions): Plan {
  const sandboxed = bwrapStatus().ok;
  const bwrap = sandboxed ? requireBwrap() : undefined;
  if (!sandboxed && !options.allowUnsandboxed) requireBwrap();
  const cgroup = createCgroup({
    maxProcesses: options.maxProcesses + SANDBOX_OVERHEAD_PROCESSES,
    memoryBytes: options.memoryMb * 1024 * 1024,
  });
  const prlimit = findPrlimit();
  // Without a user namespace, RLIMIT_NPROC would count every process of this uid: leave it out.
  const nproc = sandboxed;
  const limited =
    prlimit === undefined ? command : [prlimit, ...rlimitArgs(options, nproc), "--", ...command];
  let argv = bwrap === undefined ? limited : [bwrap, ...bwrapArgs(options), "--", ...limited];
  if (cgroup !== undefined) {
    argv = [
      "/bin/sh",
      "-c",
      JOIN_CGROUPS,
      "sh",
      String(cgroup.procsFiles.length),
      ...cgroup.procsFiles,
      ...argv,
    ];
  }
  const enforced = [
    ...(sandboxed ? ["namespaces"] : []),
    ...(prlimit === undefined ? [] : rlimitsEnforced(nproc)),
    ...(cgroup?.enforced ?? []),
    "timeout:kill",
    "output:kill",
  ];
  const hostCwd = path.join(options.workspace, path.posix.relative(SANDBOX_WORKSPACE, options.cwd));
  return {
    argv,
    // bwrap clears the environment itself; nothing of ours reaches it either way.
    env: sandboxed ? {} : { PATH: SANDBOX_PATH, HOME: options.workspace, ...options.env },
    cwd: sandboxed ? undefined : hostCwd,
    sandboxed,
    enforced,
    cgroup,
  };
}

/**
 * Runs a command in a bubblewrap sandbox over `options.workspace` with resource limits, and
 * resolves to what happened — it never rejects because of the command (a limit hit, a crash
 * and a non-zero exit are all results). It throws SANDBOX_UNAVAILABLE where bubblewrap is
 * missing and `allowUnsandboxed` is not set, and USAGE for bad options.
 */
export async function exec(command: string[] | string, options: SandboxOptions): Promise<SandboxResult> {
  const resolved = resolveSandboxOptions(options);
  const argv = commandLine(command);
  if (argv.length === 0 || argv[0] === "")
    throw new CrosscheckError("USAGE", "sandbox: the command is empty; give the program to run");
  const p = plan(argv, resolved);
  const started = performance.now();
  const stdout = new OutputCapture(Math.min(resolved.maxOutputBytes, CAPTURE_BYTES));
  const stderr = new OutputCapture(Math.min(resolved.maxOutputBytes, CAPTURE_BYTES));
  let killedFor: "timeout" | "output" | undefined;

  const child = spawn(p.argv[0] as string, p.argv.slice(1), {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: p.env,
    ...(p.cwd === undefined ? {} : { cwd: p.cwd }),
  });
  const kill = (reason?: "timeout" | "output") => {
    if (reason !== undefined) killedFor ??= reason;
    try {
      if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
    } catch {
      // The group is gone already.
    }
    p.cgroup?.killAll();
  };
  const onData = (capture: OutputCapture) => (chunk: Buffer) => {
    capture.push(chunk);
    if (stdout.total + stderr.total > resolved.maxOutputBytes) kill("output");
  };
  child.stdout.on("data", onData(stdout));
  child.stderr.on("data", onData(stderr));
  const timer = setTimeout(() => kill("timeout"), resolved.timeoutMs);
  const onAbort = () => kill();
  resolved.signal?.addEventListener("abort", onAbort, { once: true });
  if (resolved.signal?.aborted) kill();

  const ended = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; error?: Error }>(
    (resolve) => {
      child.once("error", (error) => resolve({ code: null, signal: null, error }));
      child.once("close", (code, signal) => resolve({ code, signal }));
      // An unsandboxed daemon that left the process group may hold the pipes open: stop reading
      // a moment after the command itself exited.
      child.once("exit", (code, signal) => {
        setTimeout(() => {
          child.stdout.destroy();
          child.stderr.destroy();
          resolve({ code, signal });
        }, PIPE_GRACE_MS).unref();
      });
    },
  );
  clearTimeout(timer);
  resolved.signal?.removeEventListener("abort", onAbort);
  // Whatever the command left behind (a daemon in the unsandboxed case) goes with it.
  kill();
  const cgroupHits = p.cgroup?.hits();
  await p.cgroup?.remove();

  if (ended.error !== undefined)
    stderr.push(Buffer.from(`cannot start ${p.argv[0]}: ${ended.error.message}`));
  const exitCode = ended.code ?? (ended.signal === null ? 127 : 128 + (constants.signals[ended.signal] ?? 0));
  const signal = ended.signal ?? signalOfExitCode(exitCode) ?? null;
  const stderrText = stderr.text();
  const hits = limitsHit({
    killedFor,
    cgroup: cgroupHits,
    exitCode,
    signal: signal ?? undefined,
    stderr: stderrText,
  });
  return {
    command: argv,
    exitCode,
    signal,
    ...(hits[0] === undefined ? {} : { limitHit: hits[0] }),
    limitsHit: hits,
    stdoutTail: stdout.text(),
    stderrTail: stderrText,
    truncated: stdout.truncated || stderr.truncated || killedFor === "output",
    outputBytes: stdout.total + stderr.total,
    durationMs: Math.round(performance.now() - started),
    sandboxed: p.sandboxed,
    enforced: p.enforced,
  };
}

/** The sandbox as one object, for `sandbox.exec(command, options)`. */
export const sandbox = Object.freeze({ exec });
