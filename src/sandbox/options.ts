import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { describeIssues } from "../domain/parse.js";
import { CrosscheckError } from "../errors.js";

/** Wall-clock deadline of one execution when none is given. */
export const DEFAULT_TIMEOUT_MS = 60_000;
/** Memory (data segment, and the cgroup's memory where available) when none is given. */
export const DEFAULT_MEMORY_MB = 1024;
/** CPU seconds when none are given. */
export const DEFAULT_CPU_SECONDS = 60;
/** Processes and threads at once inside one sandbox when none are given. */
export const DEFAULT_MAX_PROCESSES = 64;
/** Bytes of stdout + stderr a command may write before it is stopped. */
export const DEFAULT_MAX_OUTPUT_BYTES = 1024 * 1024;
/** Largest file the command may write (RLIMIT_FSIZE), and the size of its /tmp. */
export const DEFAULT_MAX_FILE_MB = 256;
/** Where the workspace appears inside the sandbox. */
export const SANDBOX_WORKSPACE = "/workspace";
/** PATH inside the sandbox unless `env.PATH` is given. */
export const SANDBOX_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/** Everything `exec` accepts besides the command. */
export interface SandboxOptions {
  /** Host directory mounted writable at /workspace (the command's working directory). Required. */
  workspace: string;
  /** Working directory inside the workspace, relative to it. Default: the workspace itself. */
  cwd?: string;
  /** Share the host's network. Default false: only a private loopback. */
  network?: boolean;
  /** Wall-clock deadline in ms; the whole sandbox is killed at it. Default DEFAULT_TIMEOUT_MS. */
  timeoutMs?: number;
  /** Memory in MiB (RLIMIT_DATA; cgroup memory limit where writable). Default DEFAULT_MEMORY_MB. */
  memoryMb?: number;
  /** CPU seconds (RLIMIT_CPU). Default DEFAULT_CPU_SECONDS. */
  cpuSeconds?: number;
  /** Processes and threads at once (cgroup pids.max where writable; RLIMIT_NPROC otherwise). Default 64. */
  maxProcesses?: number;
  /** stdout + stderr bytes; beyond it the command is stopped (limit "output"). Default 1 MiB. */
  maxOutputBytes?: number;
  /** Largest file written, and the size of /tmp, in MiB. Default DEFAULT_MAX_FILE_MB. */
  maxFileMb?: number;
  /** Extra host paths visible read-only at the same path (e.g. a toolchain under /opt). */
  readOnly?: string[];
  /** Extra host paths visible writable at the same path. */
  writable?: string[];
  /** The whole environment of the command (nothing is inherited); PATH defaults to SANDBOX_PATH. */
  env?: Record<string, string>;
  /**
   * Run without bubblewrap (only the resource limits) when it is missing, instead of refusing
   * with SANDBOX_UNAVAILABLE. The result says `sandboxed: false`. Default false.
   */
  allowUnsandboxed?: boolean;
  /** Ends the execution early (like the timeout, but `limitHit` stays unset). */
  signal?: AbortSignal;
}

const hostPath = z.string().min(1, "must be a non-empty path");

export const SandboxOptionsSchema = z
  .object({
    workspace: hostPath,
    cwd: z.string().min(1).optional(),
    network: z.boolean().optional(),
    timeoutMs: z.number().int().positive().max(2_147_483_647).optional(),
    memoryMb: z.number().int().min(16, "must be at least 16 (MiB)").max(1_048_576).optional(),
    cpuSeconds: z.number().int().positive().optional(),
    maxProcesses: z.number().int().min(1).max(100_000).optional(),
    maxOutputBytes: z.number().int().min(1024, "must be at least 1024 (bytes)").optional(),
    maxFileMb: z.number().int().positive().optional(),
    readOnly: z.array(hostPath).optional(),
    writable: z.array(hostPath).optional(),
    env: z.record(z.string(), z.string()).optional(),
    allowUnsandboxed: z.boolean().optional(),
    signal: z
      .custom<AbortSignal>((v) => v instanceof AbortSignal, { error: "must be an AbortSignal" })
      .optional(),
  })
  .strict();

/** Options with defaults applied and host paths made absolute and real. */
export interface ResolvedSandboxOptions {
  readonly workspace: string;
  readonly cwd: string;
  readonly network: boolean;
  readonly timeoutMs: number;
  readonly memoryMb: number;
  readonly cpuSeconds: number;
  readonly maxProcesses: number;
  readonly maxOutputBytes: number;
  readonly maxFileMb: number;
  readonly readOnly: readonly string[];
  readonly writable: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly allowUnsandboxed: boolean;
  readonly signal: AbortSignal | undefined;
}

function existingPath(value: string, field: string): string {
  try {
    return fs.realpathSync(path.resolve(value));
  } catch {
    throw new CrosscheckError(
      "USAGE",
      `sandbox ${field}: ${value} does not exist; create it or fix the path`,
    );
  }
}

/** Checks and resolves options (never mutates them): a bad option fails before anything runs. */
export function resolveSandboxOptions(options: SandboxOptions): ResolvedSandboxOptions {
  const parsed = SandboxOptionsSchema.safeParse(options);
  if (!parsed.success) {
    throw new CrosscheckError("USAGE", `sandbox options are invalid: ${describeIssues(parsed.error)}`);
  }
  const o = parsed.data;
  const workspace = existingPath(o.workspace, "workspace");
  if (!fs.statSync(workspace).isDirectory()) {
    throw new CrosscheckError("USAGE", `sandbox workspace: ${o.workspace} is not a directory`);
  }
  const cwd = path.posix.normalize(path.posix.join(SANDBOX_WORKSPACE, o.cwd ?? "."));
  if (cwd !== SANDBOX_WORKSPACE && !cwd.startsWith(`${SANDBOX_WORKSPACE}/`)) {
    throw new CrosscheckError("USAGE", `sandbox cwd: ${o.cwd} leaves the workspace; give a path inside it`);
  }
  return Object.freeze({
    workspace,
    cwd,
    network: o.network ?? false,
    timeoutMs: o.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    memoryMb: o.memoryMb ?? DEFAULT_MEMORY_MB,
    cpuSeconds: o.cpuSeconds ?? DEFAULT_CPU_SECONDS,
    maxProcesses: o.maxProcesses ?? DEFAULT_MAX_PROCESSES,
    maxOutputBytes: o.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES,
    maxFileMb: o.maxFileMb ?? DEFAULT_MAX_FILE_MB,
    readOnly: (o.readOnly ?? []).map((p, i) => existingPath(p, `readOnly[${i}]`)),
    writable: (o.writable ?? []).map((p, i) => existingPath(p, `writable[${i}]`)),
    env: Object.freeze({ ...(o.env ?? {}) }),
    allowUnsandboxed: o.allowUnsandboxed ?? false,
    signal: o.signal,
  });
}
