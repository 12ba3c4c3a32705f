import fs from "node:fs";
import { constants } from "node:os";
import type { ResolvedSandboxOptions } from "./options.js";

/** The limits a result may name as hit. */
export const LIMIT_KINDS = ["timeout", "memory", "cpu", "processes", "output"] as const;
export type LimitKind = (typeof LIMIT_KINDS)[number];

/** Where prlimit (util-linux) lives, inside and outside the sandbox (system dirs are shared). */
const PRLIMIT_CANDIDATES = ["/usr/bin/prlimit", "/bin/prlimit", "/usr/sbin/prlimit"];

export function findPrlimit(): string | undefined {
  return PRLIMIT_CANDIDATES.find((p) => fs.existsSync(p));
}

/**
 * The prlimit arguments for a command: CPU seconds (SIGXCPU at the soft limit, SIGKILL a second
 * later), data segment (heap and anonymous mappings: RLIMIT_AS would stop runtimes such as V8,
 * which reserve address space they never use), largest file, no core dumps, and processes.
 * RLIMIT_NPROC is set inside the sandbox's user namespace, so it counts that sandbox's
 * processes only; it does not bind root (uid 0 on the host), which is why a cgroup's pids.max
 * is preferred where one can be made.
 */
export function rlimitArgs(options: ResolvedSandboxOptions, withProcesses: boolean): string[] {
  const mb = 1024 * 1024;
  const args = [
    `--cpu=${options.cpuSeconds}:${options.cpuSeconds + 1}`,
    `--data=${options.memoryMb * mb}:${options.memoryMb * mb}`,
    `--fsize=${options.maxFileMb * mb}:${options.maxFileMb * mb}`,
    "--core=0:0",
  ];
  if (withProcesses) args.push(`--nproc=${options.maxProcesses}:${options.maxProcesses}`);
  return args;
}

/** What prlimit enforces here, for the result's `enforced` list. */
export function rlimitsEnforced(withProcesses: boolean): string[] {
  const names = ["rlimit:cpu", "rlimit:data", "rlimit:fsize"];
  // RLIMIT_NPROC never binds a process whose real uid is host root.
  if (withProcesses && process.getuid?.() !== 0) names.push("rlimit:nproc");
  return names;
}

/** The signal a shell-style exit code (128 + n) stands for, if any. */
export function signalOfExitCode(code: number): string | undefined {
  if (code <= 128 || code > 128 + 64) return undefined;
  const number = code - 128;
  return Object.entries(constants.signals).find(([, n]) => n === number)?.[0];
}

const ALLOCATION_FAILED =
  /out of memory|cannot allocate memory|allocation failed|MemoryError|std::bad_alloc|ENOMEM/i;

/** What the end of an execution says about the limits it ran into. */
export function limitsHit(facts: {
  killedFor: "timeout" | "output" | undefined;
  cgroup: { processes: boolean; memory: boolean } | undefined;
  exitCode: number;
  signal: string | undefined;
  stderr: string;
}): LimitKind[] {
  const hit = new Set<LimitKind>();
  if (facts.killedFor !== undefined) hit.add(facts.killedFor);
  if (facts.cgroup?.processes) hit.add("processes");
  if (facts.exitCode !== 0 && (facts.cgroup?.memory || ALLOCATION_FAILED.test(facts.stderr)))
    hit.add("memory");
  if (facts.signal === "SIGXCPU") hit.add("cpu");
  // The one named as `limitHit`: what stopped the command first, most specific first.
  const order: LimitKind[] = ["output", "processes", "memory", "cpu", "timeout"];
  return order.filter((kind) => hit.has(kind));
}
