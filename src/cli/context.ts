import path from "node:path";
import type { Command } from "commander";

export const DEFAULT_DB_PATH = ".crosscheck/crosscheck.db";

/** Exit codes of the `crosscheck` command (documented in the README). */
export const EXIT = {
  accepted: 0,
  ok: 0,
  rejected: 1,
  usage: 2,
  escalated: 3,
  tampered: 4,
  internal: 70,
} as const;

export interface GlobalOptions {
  db: string;
  json: boolean;
  color: boolean;
}

/** Options shared by every subcommand, read from the root program. */
export function globalOptions(command: Command): GlobalOptions {
  let root = command;
  while (root.parent) root = root.parent;
  const opts = root.opts<{ db?: string; json?: boolean }>();
  return {
    db: path.resolve(opts.db ?? process.env["CROSSCHECK_DB"] ?? DEFAULT_DB_PATH),
    json: opts.json === true,
    color: !("NO_COLOR" in process.env) && process.stdout.isTTY === true,
  };
}

/** Output sinks; tests pass their own. */
export interface Io {
  out(line: string): void;
  err(line: string): void;
  stdin: NodeJS.ReadableStream;
}

export const processIo: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  stdin: process.stdin,
};

/** Each subcommand sets the exit code it wants here. */
export interface CommandResult {
  exitCode: number;
}
