import { spawn } from "node:child_process";
import path from "node:path";
import { PassThrough } from "node:stream";
import { main } from "../../src/cli/main.js";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const BIN = path.join(ROOT, "bin/crosscheck.js");

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in this process with captured output. */
export async function cli(args: readonly string[], stdin = ""): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const input = new PassThrough();
  input.end(stdin);
  const code = await main(["node", "crosscheck", ...args], {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    stdin: input,
  });
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

/** Runs the real `crosscheck` bin in a child process. */
export function cliProcess(
  args: readonly string[],
  options: { stdin?: string; env?: NodeJS.ProcessEnv } = {},
) {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: "1", ...options.env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => {
    stdout += d;
  });
  child.stderr.on("data", (d) => {
    stderr += d;
  });
  child.stdin.end(options.stdin ?? "");
  const done = new Promise<CliResult>((resolve) => {
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 128 : -1), stdout, stderr }));
  });
  return { child, done };
}
