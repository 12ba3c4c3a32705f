// A small recorder for the suite's trajectories: the trace events an agent framework would have
// recorded around a coding agent (model calls, shell tool calls with exit codes and output, file
// edits, fetches), in the conventions of docs/agent-status.md.
import type { Output, Task, TraceEvent } from "../../src/index.js";

const START = Date.UTC(2026, 10, 2, 9, 0, 0);

export interface ShellOptions {
  exit?: number;
  stdout?: string;
  stderr?: string;
  /** The tool's name in the recording framework. Default "bash". */
  tool?: string;
}

export class Trajectory {
  readonly #events: TraceEvent[] = [];
  #clock = START;

  #push(event: Omit<TraceEvent, "id" | "startedAt">, durationMs = 800): this {
    this.#events.push({ id: `e${this.#events.length + 1}`, startedAt: this.#clock, durationMs, ...event });
    this.#clock += durationMs + 200;
    return this;
  }

  /** The model thinking between tool calls. */
  model(tokensIn = 1800, tokensOut = 220): this {
    return this.#push({ kind: "model_call", name: "claude-sonnet-4-5", tokensIn, tokensOut }, 2400);
  }

  /** A shell-like tool call (`bash`, `run_command`...) with its exit code and output. */
  shell(command: string, options: ShellOptions = {}): this {
    const exit = options.exit ?? 0;
    return this.#push({
      kind: "tool_call",
      name: options.tool ?? "bash",
      args: { command },
      result: { stdout: options.stdout ?? "", stderr: options.stderr ?? "", exitCode: exit },
    });
  }

  /** A `command` event, as a sandbox records it. */
  command(command: string, exit: number, stdout = "", cwd = "/workspace"): this {
    return this.#push({
      kind: "command",
      name: command,
      args: { command, cwd },
      exitCode: exit,
      result: { stdout },
    });
  }

  read(path: string, content: string): this {
    return this.#push({ kind: "tool_call", name: "read_file", args: { path }, result: content }, 50);
  }

  write(path: string, content: string): this {
    return this.#push({ kind: "tool_call", name: "write_file", args: { path, content }, result: "ok" }, 50);
  }

  edit(path: string, oldText: string, newText: string): this {
    return this.#push(
      {
        kind: "tool_call",
        name: "edit_file",
        args: { path, old_string: oldText, new_string: newText },
        result: "ok",
      },
      50,
    );
  }

  /** A `file` event, as a sandbox's file watcher records it. */
  file(
    path: string,
    op: "read" | "write" | "create" | "delete" | "rename",
    args: Record<string, unknown> = {},
  ): this {
    return this.#push({ kind: "file", name: path, args: { op, ...args } }, 5);
  }

  /** A fetching tool call. */
  fetch(url: string, method = "GET", tool = "web_fetch"): this {
    return this.#push({ kind: "tool_call", name: tool, args: { url, method }, result: { status: 200 } }, 600);
  }

  /** A `network` event, as a sandbox's proxy records it. */
  network(url: string, method = "GET"): this {
    return this.#push({ kind: "network", name: url, args: { method } }, 300);
  }

  events(): TraceEvent[] {
    return [...this.#events];
  }
}

/** The task of a recorded trajectory: the goal (and scope), the final report, the trace. */
export function recordedTask(
  id: string,
  input: { goal: string; scope?: string[]; allowedHosts?: string[] },
  status: Output["status"],
  trajectory: Trajectory,
  content: unknown = null,
): Task {
  return {
    id,
    kind: "agent-status",
    input,
    output: { content, ...(status === undefined ? {} : { status }) },
    trace: trajectory.events(),
  };
}
