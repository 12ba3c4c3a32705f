// How tool calls recorded by agent frameworks map onto the trace conventions: shell-like tools are
// commands, file-editing tools are file events, fetching tools are network events.
import type { TraceEvent } from "../../domain/trace.js";
import { diffLines, type LineChanges, patchFiles, replaceLines } from "./diff-lines.js";

export type FileOp = "read" | "write" | "create" | "delete" | "rename";

/** Tool names (lower case, `-`/`.`/space as `_`) whose `args.command` is a shell command line. */
export const SHELL_TOOLS: ReadonlySet<string> = new Set([
  "shell",
  "bash",
  "sh",
  "zsh",
  "run_command",
  "run_shell_command",
  "run_terminal_cmd",
  "execute_command",
  "exec",
  "execute",
  "terminal",
  "command",
  "run",
  "local_shell",
  "container_exec",
]);

/** A record's string field under any of these names. */
export function field(record: unknown, ...names: string[]): string | undefined {
  if (typeof record !== "object" || record === null) return undefined;
  for (const name of names) {
    const value = (record as Record<string, unknown>)[name];
    if (typeof value === "string") return value;
    if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value.join(" ");
  }
  return undefined;
}

function numberField(record: unknown, ...names: string[]): number | undefined {
  if (typeof record !== "object" || record === null) return undefined;
  for (const name of names) {
    const value = (record as Record<string, unknown>)[name];
    if (typeof value === "number" && Number.isInteger(value)) return value;
  }
  return undefined;
}

export const toolName = (name: string) => name.toLowerCase().replace(/[-.\s]/g, "_");

/** The command line of a shell-like tool call, or undefined. */
export function shellCommand(event: TraceEvent): string | undefined {
  if (event.kind !== "tool_call" || !SHELL_TOOLS.has(toolName(event.name))) return undefined;
  return field(event.args, "command", "cmd", "script", "commandLine", "input");
}

/** Exit code of a command-like event: the event's, else the result's. */
export function exitCodeOf(event: TraceEvent): number | undefined {
  return event.exitCode ?? numberField(event.result, "exitCode", "exit_code", "returncode", "code", "status");
}

/** What a command printed: stdout and stderr of the result, or the result itself when it is text. */
export function outputOf(event: TraceEvent): string {
  if (typeof event.result === "string") return event.result;
  const parts = [field(event.result, "stdout", "output"), field(event.result, "stderr")];
  return parts.filter((p): p is string => p !== undefined).join("\n");
}

/** One file touched by a file-editing tool call or a `file` event. */
export interface FileTouch {
  readonly path: string;
  readonly op: FileOp;
  readonly to?: string;
  readonly changes?: LineChanges;
  readonly content?: string;
}

const OP_BY_VERB: ReadonlyArray<[RegExp, FileOp]> = [
  [/^(?:delete|remove|rm|unlink)/, "delete"],
  [/^(?:rename|move|mv)/, "rename"],
  [/^(?:create|new)/, "create"],
  [/^(?:read|view|open|cat|get|list|show)/, "read"],
  [/^(?:write|edit|str_replace|replace|insert|append|patch|apply|update|modify|save|multi_edit)/, "write"],
];

function opOf(name: string, args: unknown): FileOp | undefined {
  const sub = field(args, "op", "operation", "command", "action");
  for (const candidate of [sub, name]) {
    if (candidate === undefined) continue;
    const found = OP_BY_VERB.find(([pattern]) => pattern.test(toolName(candidate)));
    if (found !== undefined) return found[1];
  }
  return undefined;
}

/** The line changes an event's arguments carry: a diff, old/new strings, or whole content. */
function changesOf(args: unknown): LineChanges | undefined {
  const diff = field(args, "diff", "patch");
  if (diff !== undefined) return diffLines(diff);
  const oldText = field(args, "old_str", "old_string", "oldText", "old_text", "search");
  const newText = field(args, "new_str", "new_string", "newText", "new_text", "replace");
  if (oldText !== undefined || newText !== undefined) return replaceLines(oldText ?? "", newText ?? "");
  return undefined;
}

const PATH_FIELDS = [
  "path",
  "file_path",
  "filePath",
  "filepath",
  "filename",
  "file",
  "target_file",
  "target",
];

/** Files a `file` event or a file-editing tool call touches (an `apply_patch` may touch several). */
export function fileTouches(event: TraceEvent): FileTouch[] {
  const args = event.args;
  const content = field(args, "content", "file_text", "contents", "text", "new_content");
  if (event.kind === "file") {
    const op = (opOf("", args) ?? "write") as FileOp;
    if (op === "read") {
      const read = typeof event.result === "string" ? event.result : field(event.result, "content", "text");
      return [{ path: event.name, op, ...(read === undefined ? {} : { content: read }) }];
    }
    const to = field(args, "to", "new_path", "destination");
    const changes = changesOf(args);
    return [
      {
        path: event.name,
        op,
        ...(to === undefined ? {} : { to }),
        ...(changes === undefined ? {} : { changes }),
        ...(content === undefined ? {} : { content }),
      },
    ];
  }
  if (event.kind !== "tool_call" || SHELL_TOOLS.has(toolName(event.name))) return [];
  const name = toolName(event.name);
  const patch = field(args, "patch", "input");
  if (/patch/.test(name) && patch !== undefined && field(args, ...PATH_FIELDS) === undefined) {
    return [...patchFiles(patch)].map(([path, changes]) => ({ path, op: "write" as const, changes }));
  }
  const path = field(args, ...PATH_FIELDS);
  if (
    path === undefined ||
    !/file|edit|write|patch|replace|create|delete|remove|rename|move|read|view|str_/.test(name)
  ) {
    return [];
  }
  const op = opOf(name, args);
  if (op === undefined) return [];
  if (op === "read") {
    // What a read returned is the file's content before later edits.
    const read =
      typeof event.result === "string" ? event.result : field(event.result, "content", "text", "output");
    return [{ path, op, ...(read === undefined ? {} : { content: read }) }];
  }
  const to = field(args, "to", "new_path", "destination", "newPath");
  const changes = changesOf(args);
  return [
    {
      path,
      op,
      ...(to === undefined ? {} : { to }),
      ...(changes === undefined ? {} : { changes }),
      ...(content === undefined ? {} : { content }),
    },
  ];
}

/** The URL or host a `network` event or a fetching tool call reaches, with its method. */
export function networkTarget(event: TraceEvent): { target: string; method: string } | undefined {
  const method = (field(event.args, "method") ?? "GET").toUpperCase();
  if (event.kind === "network") return { target: field(event.args, "url", "host") ?? event.name, method };
  if (event.kind !== "tool_call" || SHELL_TOOLS.has(toolName(event.name))) return undefined;
  const url = field(event.args, "url", "uri", "href", "endpoint");
  if (url === undefined || !/^(?:https?|wss?|ftp):\/\//i.test(url)) return undefined;
  return { target: url, method };
}
