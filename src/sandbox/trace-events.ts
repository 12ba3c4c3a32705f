import { currentTraceRecorder } from "../agents/model/trace-recorder.js";
import type { SandboxResult } from "./exec.js";
import type { SandboxBlockedError } from "./workspace-paths.js";

/** Bytes of stdout and of stderr kept in a `command` trace event (the tail, where results are). */
export const TRACE_OUTPUT_BYTES = 8 * 1024;

function tail(text: string): string {
  return text.length <= TRACE_OUTPUT_BYTES ? text : `[… cut …]\n${text.slice(-TRACE_OUTPUT_BYTES)}`;
}

/**
 * Records one sandboxed command as a `command` trace event, the status monitor's convention:
 * `{ kind: "command", name: <command line>, args: { command, cwd }, exitCode, result: { stdout, stderr } }`,
 * plus whether it was sandboxed, what was enforced and the limit hit. Returns the event id.
 */
export function recordCommand(
  command: string,
  cwd: string,
  result: SandboxResult,
  startedAt: number,
): string | undefined {
  return currentTraceRecorder()?.record({
    kind: "command",
    name: command,
    args: { command, cwd, sandboxed: result.sandboxed, enforced: result.enforced },
    exitCode: result.exitCode,
    result: {
      stdout: tail(result.stdoutTail),
      stderr: tail(result.stderrTail),
      ...(result.limitHit === undefined ? {} : { limitHit: result.limitHit }),
      ...(result.signal === null ? {} : { signal: result.signal }),
      truncated: result.truncated,
    },
    startedAt,
    durationMs: result.durationMs,
  });
}

/** Records a file touched through the file tools: `{ kind: "file", name: <path>, args: { op } }`. */
export function recordFile(relative: string, op: "read" | "write" | "create", sandboxed: boolean): void {
  currentTraceRecorder()?.record({
    kind: "file",
    name: relative,
    args: { op, sandboxed },
    startedAt: Date.now(),
  });
}

/**
 * Records a blocked action as a `note` named after its rule (`sandbox.path-escape`...), which
 * `sandboxAuditor()` turns into a finding. Returns the event id.
 */
export function recordBlocked(
  error: SandboxBlockedError,
  details: Record<string, unknown>,
): string | undefined {
  return currentTraceRecorder()?.record({
    kind: "note",
    name: error.ruleId,
    args: details,
    error: error.message,
    startedAt: Date.now(),
  });
}
