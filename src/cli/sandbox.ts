import type { Command } from "commander";
import { CrosscheckError } from "../errors.js";
import { exec, type SandboxResult } from "../sandbox/exec.js";
import type { SandboxOptions } from "../sandbox/options.js";
import { globalOptions } from "./context.js";
import { safeText } from "./format.js";
import type { CommandContext } from "./main.js";

interface ExecFlags {
  workspace?: string;
  cwd?: string;
  network?: boolean;
  timeout?: string;
  memory?: string;
  cpu?: string;
  processes?: string;
  maxOutput?: string;
  readOnly: string[];
  writable: string[];
  env: string[];
  allowUnsandboxed?: boolean;
  json?: boolean;
}

function positiveNumber(value: string | undefined, flag: string, unit: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) {
    throw new CrosscheckError(
      "USAGE",
      `${flag} must be a positive number of ${unit}, got ${JSON.stringify(value)}`,
    );
  }
  return n;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function envPairs(pairs: readonly string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf("=");
    if (at <= 0) throw new CrosscheckError("USAGE", `--env takes NAME=VALUE, got ${JSON.stringify(pair)}`);
    env[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return env;
}

/** SandboxOptions from the flags; a bad flag is a USAGE error naming it. */
export function sandboxOptionsFromFlags(flags: ExecFlags): SandboxOptions {
  if (flags.workspace === undefined) {
    throw new CrosscheckError("USAGE", "--workspace DIR is required: the directory the command may write");
  }
  const timeout = positiveNumber(flags.timeout, "--timeout", "seconds");
  const memory = positiveNumber(flags.memory, "--memory", "MiB");
  const cpu = positiveNumber(flags.cpu, "--cpu", "seconds");
  const processes = positiveNumber(flags.processes, "--processes", "processes");
  const maxOutput = positiveNumber(flags.maxOutput, "--max-output", "bytes");
  return {
    workspace: flags.workspace,
    ...(flags.cwd === undefined ? {} : { cwd: flags.cwd }),
    network: flags.network === true,
    ...(timeout === undefined ? {} : { timeoutMs: Math.round(timeout * 1000) }),
    ...(memory === undefined ? {} : { memoryMb: Math.round(memory) }),
    ...(cpu === undefined ? {} : { cpuSeconds: Math.ceil(cpu) }),
    ...(processes === undefined ? {} : { maxProcesses: Math.round(processes) }),
    ...(maxOutput === undefined ? {} : { maxOutputBytes: Math.round(maxOutput) }),
    readOnly: flags.readOnly,
    writable: flags.writable,
    env: envPairs(flags.env),
    allowUnsandboxed: flags.allowUnsandboxed === true,
  };
}

/** The readable report: one status line, the enforced protections, then the output tails. */
export function formatSandboxResult(result: SandboxResult): string[] {
  const limit = result.limitHit === undefined ? "no limit hit" : `limit hit: ${result.limitHit}`;
  const signal = result.signal === null ? "" : ` (${result.signal})`;
  const lines = [
    `exit ${result.exitCode}${signal}, ${limit}, ${result.durationMs} ms, ${result.sandboxed ? "sandboxed" : "NOT sandboxed"}`,
    `enforced: ${result.enforced.join(", ")}`,
  ];
  if (result.truncated) lines.push(`output truncated (${result.outputBytes} bytes written)`);
  for (const [name, text] of [
    ["stdout", result.stdoutTail],
    ["stderr", result.stderrTail],
  ] as const) {
    if (text === "") continue;
    lines.push(`--- ${name} ---`, ...safeText(text.replace(/\n$/, "")).split("\n"));
  }
  return lines;
}

export function registerSandbox(program: Command, { io, setExit }: CommandContext): void {
  const sandbox = program.command("sandbox").description("run commands in the bubblewrap sandbox");
  sandbox
    .command("exec")
    .description(
      "run one command in the sandbox: workspace writable, no network, resource limits (exit code: the command's; 2 bad input or no sandbox)",
    )
    .argument("<command...>", "the program and its arguments (after --)")
    .option("--workspace <dir>", "directory mounted writable at /workspace (required)")
    .option("--cwd <path>", "working directory inside the workspace")
    .option("--network", "share the host's network (default: none)")
    .option("--timeout <seconds>", "wall-clock deadline (default 60)")
    .option("--memory <MiB>", "memory limit (default 1024)")
    .option("--cpu <seconds>", "CPU-time limit (default 60)")
    .option("--processes <n>", "processes at once (default 64)")
    .option("--max-output <bytes>", "stdout + stderr before the command is stopped (default 1 MiB)")
    .option("--read-only <path>", "extra host path visible read-only (repeatable)", collect, [])
    .option("--writable <path>", "extra host path visible writable (repeatable)", collect, [])
    .option(
      "--env <NAME=VALUE>",
      "environment variable for the command (repeatable; nothing is inherited)",
      collect,
      [],
    )
    .option(
      "--allow-unsandboxed",
      "run with limits only where bubblewrap is missing (recorded as not sandboxed)",
    )
    .option("--json", "print the result as JSON")
    .action(async (command: string[], flags: ExecFlags, cmd: Command) => {
      const options = sandboxOptionsFromFlags(flags);
      const result = await exec(command, options);
      if (flags.json === true || globalOptions(cmd).json) io.out(JSON.stringify(result, null, 2));
      else for (const line of formatSandboxResult(result)) io.out(line);
      setExit(result.exitCode);
    });
}
