import fs from "node:fs";
import path from "node:path";
import { ToolMessage } from "@langchain/core/messages";
import type { StructuredToolInterface } from "@langchain/core/tools";
import { tool } from "langchain";
import { z } from "zod";
import { bwrapStatus } from "./bwrap.js";
import type { SandboxResult } from "./exec.js";
import { resolveSandboxOptions, type SandboxOptions } from "./options.js";
import { defaultSandboxPool, type SandboxPool } from "./pool.js";
import { recordBlocked, recordCommand, recordFile } from "./trace-events.js";
import { resolveInWorkspace, SandboxBlockedError } from "./workspace-paths.js";

/** Largest file `readFile` returns, in bytes. */
export const DEFAULT_MAX_READ_BYTES = 256 * 1024;
/** Entries `listFiles` returns at most. */
export const MAX_LIST_ENTRIES = 1000;

export interface SandboxToolsOptions {
  /** The agent's workspace on the host: the only place its tools can read and write. */
  workspace: string;
  /** The queue shell commands go through. Default: the process-wide pool. */
  pool?: SandboxPool;
  /** Limits and mounts of every shell command (network off unless `network: true`). */
  sandbox?: Omit<SandboxOptions, "workspace" | "cwd" | "signal">;
  /** Largest file readFile returns. Default DEFAULT_MAX_READ_BYTES. */
  maxReadBytes?: number;
}

/** What failing network calls print when there is no network. */
const NETWORK_FAILED =
  /ENETUNREACH|Network is unreachable|ECONNREFUSED|Connection refused|Could not resolve host|EAI_AGAIN|ENOTFOUND|Temporary failure in name resolution|getaddrinfo/i;

/**
 * Wraps a tool body: a SandboxBlockedError is recorded as a `sandbox.*` note (a finding later)
 * and comes back to the agent as a tool error (a ToolMessage with status "error", which the
 * agent reads and may correct); called outside an agent (no tool call id), it is thrown.
 */
/** What LangChain passes a tool besides its arguments (the agent's abort signal, the tool call). */
interface ToolConfig {
  signal?: AbortSignal;
  toolCall?: { id?: string };
}

function confined<A extends Record<string, unknown>>(
  toolName: string,
  body: (args: A, signal: AbortSignal | undefined) => Promise<string> | string,
) {
  return async (args: A, config?: ToolConfig): Promise<string | ToolMessage> => {
    try {
      return await body(args, config?.signal);
    } catch (error) {
      if (!(error instanceof SandboxBlockedError)) throw error;
      const { content: _content, ...named } = args; // a file's content stays out of the note
      recordBlocked(error, { tool: toolName, ...named, ...error.details });
      const id = config?.toolCall?.id;
      if (id === undefined) throw error;
      return new ToolMessage({
        content: `blocked (${error.ruleId}): ${error.message}`,
        tool_call_id: id,
        name: toolName,
        status: "error",
      });
    }
  };
}

function describeResult(result: SandboxResult): string {
  const limit = result.limitHit === undefined ? "" : `, limit hit: ${result.limitHit}`;
  return [
    `exit code ${result.exitCode}${limit}${result.truncated ? " (output truncated)" : ""}`,
    "--- stdout ---",
    result.stdoutTail,
    "--- stderr ---",
    result.stderrTail,
  ].join("\n");
}

/**
 * LangChain tools for a worker confined to one workspace: `shell` runs a command line in the
 * sandbox (through the pool), `readFile` / `writeFile` / `listFiles` work on workspace paths only
 * (`..`, outside absolute paths and symlinks that lead out are refused). Every call is traced
 * by the agent's tracing middleware and also recorded as `command` / `file` trace events; a
 * blocked action (path escape, network without network, a limit) comes back to the agent as a
 * tool error and is recorded as a `sandbox.*` note that `sandboxAuditor()` reports.
 */
export function sandboxTools(options: SandboxToolsOptions): StructuredToolInterface[] {
  const sandbox = options.sandbox ?? {};
  const workspace = resolveSandboxOptions({ ...sandbox, workspace: options.workspace }).workspace;
  const pool = options.pool ?? defaultSandboxPool();
  const maxRead = options.maxReadBytes ?? DEFAULT_MAX_READ_BYTES;
  const sandboxed = () => bwrapStatus().ok;

  const shell = tool(
    confined("shell", async ({ command, cwd }: { command: string; cwd?: string | undefined }, signal) => {
      const where = resolveInWorkspace(workspace, cwd ?? ".");
      const startedAt = Date.now();
      const result = await pool.exec(["/bin/sh", "-c", command], {
        ...sandbox,
        workspace,
        cwd: where.relative,
        // The worker's deadline ends its command too.
        ...(signal === undefined ? {} : { signal }),
      });
      const eventId = recordCommand(command, where.relative, result, startedAt);
      const details = { cwd: where.relative, exitCode: result.exitCode, eventId };
      if (result.limitHit !== undefined) {
        throw new SandboxBlockedError(
          `sandbox.limit-${result.limitHit}`,
          `the command hit the sandbox's ${result.limitHit} limit and was stopped (exit ${result.exitCode})`,
          details,
        );
      }
      if (
        sandbox.network !== true &&
        result.exitCode !== 0 &&
        NETWORK_FAILED.test(result.stderrTail + result.stdoutTail)
      ) {
        throw new SandboxBlockedError(
          "sandbox.network-blocked",
          `the command tried to reach the network, which this sandbox does not have (exit ${result.exitCode})`,
          details,
        );
      }
      return describeResult(result);
    }),
    {
      name: "shell",
      description:
        "Runs a shell command line in a sandbox over the workspace (no network, resource limits). Returns the exit code, stdout and stderr.",
      schema: z.object({
        command: z.string().min(1).describe("the command line, run with /bin/sh -c"),
        cwd: z.string().optional().describe("directory inside the workspace; default the workspace root"),
      }),
    },
  );

  const readFile = tool(
    confined("readFile", ({ path: requested }: { path: string }) => {
      const where = resolveInWorkspace(workspace, requested);
      const size = fs.statSync(where.host).size;
      if (size > maxRead)
        throw new Error(`${where.relative} is ${size} bytes; readFile returns at most ${maxRead}`);
      const text = fs.readFileSync(where.host, "utf8");
      recordFile(where.relative, "read", sandboxed());
      return text;
    }),
    {
      name: "readFile",
      description: "Reads a text file of the workspace.",
      schema: z.object({ path: z.string().min(1).describe("path relative to the workspace") }),
    },
  );

  const writeFile = tool(
    confined("writeFile", ({ path: requested, content }: { path: string; content: string }) => {
      const where = resolveInWorkspace(workspace, requested);
      const existed = fs.existsSync(where.host);
      const parent = resolveInWorkspace(workspace, path.dirname(where.relative));
      fs.mkdirSync(parent.host, { recursive: true });
      // O_NOFOLLOW: a symlink planted after the check cannot redirect the write.
      const fd = fs.openSync(
        where.host,
        fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_TRUNC | fs.constants.O_NOFOLLOW,
        0o644,
      );
      try {
        fs.writeSync(fd, content);
      } finally {
        fs.closeSync(fd);
      }
      recordFile(where.relative, existed ? "write" : "create", sandboxed());
      return `wrote ${Buffer.byteLength(content)} bytes to ${where.relative}`;
    }),
    {
      name: "writeFile",
      description: "Writes (creates or replaces) a text file of the workspace.",
      schema: z.object({
        path: z.string().min(1).describe("path relative to the workspace"),
        content: z.string().describe("the whole new content"),
      }),
    },
  );

  const listFiles = tool(
    confined("listFiles", ({ path: requested }: { path?: string | undefined }) => {
      const where = resolveInWorkspace(workspace, requested ?? ".");
      const entries = fs.readdirSync(where.host, { withFileTypes: true }).slice(0, MAX_LIST_ENTRIES);
      recordFile(where.relative, "read", sandboxed()); // a listing is a read of the directory
      return entries
        .map((e) => {
          if (e.isSymbolicLink()) return `${e.name} -> ${fs.readlinkSync(path.join(where.host, e.name))}`;
          return e.isDirectory() ? `${e.name}/` : e.name;
        })
        .sort()
        .join("\n");
    }),
    {
      name: "listFiles",
      description: "Lists a directory of the workspace (directories end with /, symlinks show their target).",
      schema: z.object({
        path: z.string().optional().describe("directory relative to the workspace; default the root"),
      }),
    },
  );

  return [shell, readFile, writeFile, listFiles];
}
