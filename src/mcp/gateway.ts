import type { Finding } from "../domain/finding.js";
import { CrosscheckError, isCrosscheckError } from "../errors.js";
import { ArgumentValidator } from "./arguments.js";
import {
  loadGatewayConfig,
  type McpGatewayConfig,
  type ResolvedGatewayConfig,
  resolveGatewayConfig,
} from "./config.js";
import { type PinLock, readLock } from "./pins.js";
import {
  contentRef,
  GatewayRecorder,
  type GatewayRecordOptions,
  traceFinding,
  traceToolCall,
} from "./record.js";
import { type ScreenedResult, screenResult } from "./result.js";
import { type McpSession, openSession } from "./session.js";
import { blockReason, type ToolState, toolStates } from "./tool-state.js";

/** Options of {@link McpGateway.open}. */
export interface McpGatewayOptions extends GatewayRecordOptions {
  /** A config object, or the path of a JSON config file. Default `crosscheck.mcp.json`. */
  config?: McpGatewayConfig | string | undefined;
  /** Anchor of relative paths in a config object. Default the working folder. */
  baseDir?: string | undefined;
  /** Connect only to these servers. Default: every configured server. */
  servers?: readonly string[] | undefined;
  /** Where bearer tokens and passEnv variables are read. Default `process.env`. */
  env?: NodeJS.ProcessEnv | undefined;
}

/** What a successful call returns. */
export interface GatewayCallResult extends ScreenedResult {
  readonly server: string;
  readonly tool: string;
  /** The finding recorded for a flagged result. */
  readonly finding?: Finding;
}

/**
 * The hardened MCP gateway: connects to the configured servers, compares every offered tool
 * with the allowlist and the pin lock, and lets only approved tools be called — arguments
 * validated against the pinned schema, results capped and scanned by the injection guard, every
 * call and every block recorded in the worker's trace and the audit log.
 */
export class McpGateway {
  readonly config: ResolvedGatewayConfig;
  readonly #sessions: Map<string, McpSession>;
  /** Servers that announced a changed tool list since they were last listed. */
  readonly #stale: Set<string>;
  readonly #states = new Map<string, ToolState[]>();
  readonly #recorder: GatewayRecorder;
  readonly #validator = new ArgumentValidator();
  readonly #findings: Finding[] = [];
  #lock: PinLock;

  private constructor(
    config: ResolvedGatewayConfig,
    sessions: Map<string, McpSession>,
    stale: Set<string>,
    options: McpGatewayOptions,
  ) {
    this.config = config;
    this.#sessions = sessions;
    this.#stale = stale;
    this.#recorder = new GatewayRecorder(options);
    this.#lock = readLock(config.lockFile);
  }

  /** Connects to the servers and lists their tools. Blocked allowlisted tools are recorded. */
  static async open(options: McpGatewayOptions = {}): Promise<McpGateway> {
    const config =
      typeof options.config === "string" || options.config === undefined
        ? loadGatewayConfig(options.config)
        : resolveGatewayConfig(options.config, options.baseDir);
    const names = options.servers ?? Object.keys(config.servers);
    for (const name of names) {
      if (config.servers[name] === undefined) {
        throw new CrosscheckError(
          "MCP_CONFIG_INVALID",
          `no server named ${name} in the MCP config; configured: ${Object.keys(config.servers).join(", ") || "none"}`,
        );
      }
    }
    const sessions = new Map<string, McpSession>();
    const stale = new Set<string>();
    try {
      for (const name of names) {
        const server = config.servers[name];
        if (server === undefined) continue;
        const onChanged = () => stale.add(name);
        const timeout = config.limitsFor(name).callTimeoutMs;
        sessions.set(name, await openSession(name, server, timeout, options.env, onChanged));
      }
    } catch (error) {
      await Promise.allSettled([...sessions.values()].map((s) => s.close()));
      throw error;
    }
    const gateway = new McpGateway(config, sessions, stale, options);
    try {
      await gateway.refresh();
    } catch (error) {
      await gateway.close();
      throw error;
    }
    return gateway;
  }

  /** Re-reads the lock and re-lists every server's tools; records each blocked allowlisted tool. */
  async refresh(): Promise<void> {
    this.#lock = readLock(this.config.lockFile);
    for (const name of this.#sessions.keys()) await this.#list(name);
  }

  async #list(name: string): Promise<void> {
    const session = this.#sessions.get(name);
    if (session === undefined) return;
    this.#stale.delete(name);
    const offered = await session.listTools();
    const allowlist = this.config.servers[name]?.tools ?? [];
    const states = toolStates(name, offered, allowlist, this.#lock);
    this.#states.set(name, states);
    for (const state of states) {
      if (state.state === "approved" || state.state === "not-allowed") continue;
      this.#recordBlock(state, blockReason(state));
    }
  }

  /** Every tool's state on every connected server. */
  states(): ToolState[] {
    return [...this.#states.values()].flat();
  }

  /** The pin lock as last read. */
  get lock(): PinLock {
    return this.#lock;
  }

  /** Findings recorded so far (flagged results). */
  findings(): Finding[] {
    return this.#findings.map((f) => ({ ...f }));
  }

  /**
   * Why `args` cannot be sent to `server/tool` (blocked tool or invalid arguments), recording the
   * block; undefined when the call may go ahead.
   */
  refusal(server: string, tool: string, args: unknown): CrosscheckError | undefined {
    const state = this.#states.get(server)?.find((s) => s.tool === tool);
    if (state === undefined) {
      const message = `${server}/${tool} is not offered by a connected server; use one of: ${this.#approvedNames().join(", ") || "none"}`;
      this.#recordBlock({ server, tool, state: "not-allowed" }, message, { args });
      return new CrosscheckError("MCP_TOOL_BLOCKED", message);
    }
    if (state.state !== "approved" || state.pin === undefined) {
      const message = blockReason(state);
      this.#recordBlock(state, message, { args });
      return new CrosscheckError("MCP_TOOL_BLOCKED", message);
    }
    const invalid = this.#validator.check(state.pin.sha256, state.pin.inputSchema, args);
    if (invalid === undefined) return undefined;
    const message = `arguments of ${server}/${tool} do not match its pinned input schema: ${invalid}`;
    this.#recorder.blocked({ server, tool, reason: "invalid-arguments", message });
    traceToolCall({ server, tool, args, startedAt: Date.now(), error: message });
    return new CrosscheckError("MCP_TOOL_BLOCKED", message);
  }

  /**
   * Calls an approved tool. Throws MCP_TOOL_BLOCKED (blocked tool, invalid arguments) or the
   * server's failure (MCP_PROTOCOL, MCP_UNREACHABLE); a flagged result is returned wrapped.
   */
  async call(server: string, tool: string, args: Record<string, unknown> = {}): Promise<GatewayCallResult> {
    // The server said its tools changed (notifications/tools/list_changed): compare them again first.
    if (this.#stale.has(server)) await this.#list(server);
    const refused = this.refusal(server, tool, args);
    if (refused) throw refused;
    const session = this.#sessions.get(server);
    if (session === undefined)
      throw new CrosscheckError("MCP_TOOL_BLOCKED", `server ${server} is not connected`);
    const limits = this.config.limitsFor(server);
    const startedAt = Date.now();
    let screened: ScreenedResult;
    try {
      const raw = await session.callTool(tool, args, limits.callTimeoutMs);
      screened = screenResult(server, tool, raw, limits.maxResultBytes);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.#recorder.call({
        server,
        tool,
        args: contentRef(args),
        outcome: "failed",
        error: message,
        durationMs: Date.now() - startedAt,
      });
      traceToolCall({ server, tool, args, startedAt, error: message });
      throw isCrosscheckError(error) ? error : new CrosscheckError("MCP_PROTOCOL", message, { cause: error });
    }
    const outcome = screened.flagged ? "flagged" : screened.isError ? "tool-error" : "ok";
    this.#recorder.call({
      server,
      tool,
      args: contentRef(args),
      outcome,
      result: contentRef(screened.text),
      truncated: screened.truncated,
      guard: {
        verdict: screened.guard.verdict,
        score: screened.guard.score,
        ruleIds: [...new Set(screened.guard.signals.map((s) => s.ruleId))],
        textSha256: screened.guard.textSha256,
      },
      durationMs: Date.now() - startedAt,
    });
    traceToolCall({
      server,
      tool,
      args,
      startedAt,
      result: screened.text,
      ...(screened.isError ? { error: "the tool reported an error" } : {}),
    });
    if (!screened.flagged) return { ...screened, server, tool };
    const finding: Finding = {
      ruleId: "mcp.result-flagged",
      severity: screened.guard.verdict === "injection" ? "high" : "medium",
      message: `the result of ${server}/${tool} looks like prompt injection (verdict ${screened.guard.verdict}, score ${screened.guard.score.toFixed(2)}): ${screened.guard.signals.map((s) => s.message).join("; ")}`,
      location: { field: `mcp:${server}/${tool}` },
      evidenceIds: [],
    };
    this.#findings.push(finding);
    traceFinding(finding.ruleId, finding.message, finding.severity);
    return { ...screened, server, tool, finding };
  }

  /** Closes every session (stops stdio servers). */
  async close(): Promise<void> {
    await Promise.allSettled([...this.#sessions.values()].map((s) => s.close()));
    this.#sessions.clear();
  }

  #approvedNames(): string[] {
    return this.states()
      .filter((s) => s.state === "approved")
      .map((s) => `${s.server}/${s.tool}`);
  }

  /**
   * Records a block in the log and the trace: a refused call as a `tool_call` with its error and
   * arguments; a tool blocked when the tools are listed (nobody called it) as a `note`.
   */
  #recordBlock(
    state: Pick<ToolState, "server" | "tool" | "state" | "pin" | "offeredSha256">,
    message: string,
    call?: { args: unknown },
  ): void {
    const reason = state.state === "approved" ? "not-allowed" : state.state;
    this.#recorder.blocked({
      server: state.server,
      tool: state.tool,
      reason,
      message,
      ...(state.pin ? { pinnedSha256: state.pin.sha256 } : {}),
      ...(state.offeredSha256 ? { offeredSha256: state.offeredSha256 } : {}),
    });
    if (call === undefined) traceFinding("mcp.blocked", message);
    else
      traceToolCall({
        server: state.server,
        tool: state.tool,
        args: call.args,
        startedAt: Date.now(),
        error: message,
      });
  }
}
