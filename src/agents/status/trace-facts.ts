import type { TraceEvent } from "../../domain/trace.js";
import { fileEffects, hostOf, networkEffects, scriptFetches } from "./command-effects.js";
import { type CheckKind, checkKinds } from "./command-kinds.js";
import type { LineChanges } from "./diff-lines.js";
import { isGenerated } from "./options.js";
import {
  exitCodeOf,
  type FileOp,
  fileTouches,
  networkTarget,
  outputOf,
  shellCommand,
  toolName,
} from "./tool-events.js";

/** A command the worker ran: a `command` event, or a shell-like tool call. */
export interface CommandFact {
  readonly eventId: string;
  /** Position in the trace (events in recorded order). */
  readonly index: number;
  readonly command: string;
  readonly cwd?: string;
  readonly exitCode?: number;
  /** stdout and stderr together. */
  readonly output: string;
  readonly error?: string;
  readonly kinds: readonly CheckKind[];
}

/** A file the worker touched: a `file` event, a file-editing tool call, or a command's effect. */
export interface FileFact {
  readonly eventId: string;
  readonly index: number;
  readonly path: string;
  readonly op: FileOp;
  readonly to?: string;
  readonly changes?: LineChanges;
  readonly content?: string;
  readonly via: "file" | "tool" | "command";
}

/** Network access: a `network` event, a fetching tool call, a command, or a script it ran. */
export interface NetworkFact {
  /** The events that prove it (a script's write and the command that ran it, for a script). */
  readonly eventIds: readonly string[];
  readonly index: number;
  readonly target: string;
  readonly host: string;
  readonly method: string;
  readonly via: "network" | "tool" | "command" | "script";
}

export interface TraceFacts {
  readonly commands: readonly CommandFact[];
  readonly files: readonly FileFact[];
  readonly network: readonly NetworkFact[];
  /** Tool calls that ended in an error, besides failed commands. */
  readonly toolErrors: readonly { eventId: string; index: number; name: string; error: string }[];
}

/** The evidence id of a trace event in findings. */
export const traceRef = (eventId: string) => `trace:${eventId}`;

/** Whether a later command runs a script file (by path or name), or a package script / make target. */
function runsScript(command: string, path: string): boolean {
  const base = path.split("/").pop() ?? path;
  if (
    command.includes(path) ||
    new RegExp(`(?:^|[\\s/])${base.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`).test(command)
  ) {
    return true;
  }
  if (base === "package.json") return /^(?:npm|pnpm|yarn|bun)\s+(?:run\s+)?\w/.test(command);
  if (base === "Makefile") return /^make\b/.test(command);
  return false;
}

/** What the trace shows the worker did, following the conventions in docs/agent-status.md. */
export function traceFacts(trace: readonly TraceEvent[]): TraceFacts {
  const commands: CommandFact[] = [];
  const files: FileFact[] = [];
  const network: NetworkFact[] = [];
  const toolErrors: { eventId: string; index: number; name: string; error: string }[] = [];

  trace.forEach((event, index) => {
    const line = event.kind === "command" ? (shellArg(event) ?? event.name) : shellCommand(event);
    if (line !== undefined) {
      const exitCode = exitCodeOf(event);
      const cwd =
        typeof event.args === "object" && event.args !== null
          ? (event.args as { cwd?: unknown }).cwd
          : undefined;
      commands.push({
        eventId: event.id,
        index,
        command: line.trim(),
        output: outputOf(event),
        kinds: checkKinds(line.trim()),
        ...(typeof cwd === "string" ? { cwd } : {}),
        ...(exitCode === undefined ? {} : { exitCode }),
        ...(event.error === undefined ? {} : { error: event.error }),
      });
      for (const effect of fileEffects(line))
        files.push({ eventId: event.id, index, ...effect, via: "command" });
      for (const effect of networkEffects(line))
        network.push({ eventIds: [event.id], index, ...effect, via: "command" });
      return;
    }
    for (const touch of fileTouches(event)) {
      files.push({ eventId: event.id, index, ...touch, via: event.kind === "file" ? "file" : "tool" });
    }
    const reached = networkTarget(event);
    if (reached !== undefined) {
      network.push({
        eventIds: [event.id],
        index,
        target: reached.target,
        host: hostOf(reached.target),
        method: reached.method,
        via: event.kind === "network" ? "network" : "tool",
      });
    }
    if (event.kind === "tool_call" && event.error !== undefined) {
      toolErrors.push({ eventId: event.id, index, name: toolName(event.name), error: event.error });
    }
  });

  // A script the worker wrote and then ran reaches the network when its code does.
  for (const written of files) {
    if (written.content === undefined || (written.op !== "write" && written.op !== "create")) continue;
    const fetches = scriptFetches(written.content);
    if (fetches.length === 0) continue;
    // npm and make echo the script line they run, so the output names the script too.
    const runner = commands.find(
      (c) => c.index > written.index && runsScript(`${c.command}\n${c.output.slice(0, 2000)}`, written.path),
    );
    if (runner === undefined) continue;
    for (const effect of fetches) {
      network.push({
        eventIds: [written.eventId, runner.eventId],
        index: runner.index,
        ...effect,
        via: "script",
      });
    }
  }
  return { commands, files, network, toolErrors };
}

function shellArg(event: TraceEvent): string | undefined {
  const args = event.args as { command?: unknown } | undefined;
  return typeof args?.command === "string" ? args.command : undefined;
}

/**
 * Files written, created, renamed or deleted (reads excluded), without the build output, caches
 * and logs that commands write (`npm run build > build.log`).
 */
export function changedFiles(facts: TraceFacts): FileFact[] {
  return facts.files.filter(
    (f) => f.op !== "read" && !f.path.startsWith("db:") && !(f.via === "command" && isGenerated(f.path)),
  );
}
