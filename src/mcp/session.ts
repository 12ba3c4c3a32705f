import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { getDefaultEnvironment, StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import {
  StreamableHTTPClientTransport,
  StreamableHTTPError,
} from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import {
  type CallToolResult,
  ErrorCode,
  McpError,
  ToolListChangedNotificationSchema,
} from "@modelcontextprotocol/sdk/types.js";
import { CrosscheckError, isCrosscheckError } from "../errors.js";
import { isStdioServer, type McpServerConfig, type StdioServerConfig } from "./config.js";
import type { OfferedTool } from "./pins.js";
import { tlsFetch } from "./tls-fetch.js";
import { checkServerUrl } from "./url-policy.js";

const CLIENT_INFO = { name: "crosscheck-mcp-gateway", version: "1" };
const STDERR_TAIL = 2000;
const MAX_TOOL_PAGES = 50;

/** One live connection to one MCP server. */
export interface McpSession {
  readonly server: string;
  /** Every tool the server offers (all pages). */
  listTools(): Promise<OfferedTool[]>;
  /** Calls a tool; protocol failures reject with MCP_PROTOCOL / MCP_UNREACHABLE errors. */
  callTool(name: string, args: Record<string, unknown>, timeoutMs: number): Promise<CallToolResult>;
  close(): Promise<void>;
}

/**
 * Connects to one server: stdio (a child process) or streamable HTTP (https, or http on
 * loopback; bearer token and mutual TLS from the config). Fails with an error naming the
 * server and the fix; nothing stays running on failure.
 */
export async function openSession(
  server: string,
  config: McpServerConfig,
  timeoutMs: number,
  env: NodeJS.ProcessEnv = process.env,
  onToolsChanged: () => void = () => {},
): Promise<McpSession> {
  const stderr: string[] = [];
  const transport = isStdioServer(config)
    ? stdioTransport(server, config, env, stderr)
    : httpTransport(server, config, env);
  const client = new Client(CLIENT_INFO, { capabilities: {} });
  // A server may change its tools mid-session; the gateway re-lists before the next call.
  client.setNotificationHandler(ToolListChangedNotificationSchema, () => onToolsChanged());
  const pending = new Set<(error: Error) => void>();
  const failAll = (error: Error) => {
    for (const reject of pending) reject(error);
    pending.clear();
  };
  client.onerror = (error) => {
    if (isMalformed(error)) failAll(malformed(server, error));
  };
  /** Runs `work`, failing early when the server sends garbage or goes away. */
  const guarded = <T>(what: string, work: Promise<T>): Promise<T> => {
    let reject: (error: Error) => void = () => {};
    const failed = new Promise<never>((_, r) => {
      reject = r;
    });
    pending.add(reject);
    return Promise.race([work, failed])
      .catch((error: unknown) => {
        throw mapError(server, what, error, timeoutMs, stderr);
      })
      .finally(() => pending.delete(reject));
  };
  try {
    await guarded("initialize", client.connect(transport, { timeout: timeoutMs }));
  } catch (error) {
    await client.close().catch(() => undefined);
    throw error;
  }
  return {
    server,
    async listTools() {
      const tools: OfferedTool[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < MAX_TOOL_PAGES; page++) {
        const result = await guarded(
          "tools/list",
          client.listTools(cursor === undefined ? {} : { cursor }, { timeout: timeoutMs }),
        );
        for (const tool of result.tools) {
          tools.push({
            name: tool.name,
            description: tool.description ?? "",
            inputSchema: tool.inputSchema as Record<string, unknown>,
          });
        }
        cursor = result.nextCursor;
        if (cursor === undefined) return tools;
      }
      throw new CrosscheckError(
        "MCP_PROTOCOL",
        `server ${server} returned more than ${MAX_TOOL_PAGES} pages of tools; it may be looping`,
      );
    },
    async callTool(name, args, callTimeoutMs) {
      const result = await guarded(
        `tools/call ${name}`,
        client.callTool({ name, arguments: args }, undefined, { timeout: callTimeoutMs }),
      );
      return result as CallToolResult;
    },
    async close() {
      // A stateful HTTP server keeps a session until told: end it (DELETE), then close.
      if (transport instanceof StreamableHTTPClientTransport && transport.sessionId !== undefined) {
        await transport.terminateSession().catch(() => undefined);
      }
      await client.close();
    },
  };
}

function stdioTransport(
  server: string,
  config: StdioServerConfig,
  env: NodeJS.ProcessEnv,
  stderr: string[],
): Transport {
  const childEnv: Record<string, string> = { ...getDefaultEnvironment(), ...config.env };
  for (const name of config.passEnv) {
    const value = env[name];
    if (value === undefined) {
      throw new CrosscheckError(
        "MCP_CONFIG_INVALID",
        `servers.${server}.passEnv: environment variable ${name} is not set; export it before starting`,
      );
    }
    childEnv[name] = value;
  }
  const transport = new StdioClientTransport({
    command: config.command,
    args: config.args,
    env: childEnv,
    stderr: "pipe",
    ...(config.cwd === undefined ? {} : { cwd: config.cwd }),
  });
  transport.stderr?.on("data", (chunk: Buffer) => {
    stderr.push(chunk.toString("utf8"));
    while (stderr.join("").length > STDERR_TAIL && stderr.length > 1) stderr.shift();
  });
  return transport;
}

function httpTransport(
  server: string,
  config: Extract<McpServerConfig, { url: string }>,
  env: NodeJS.ProcessEnv,
): Transport {
  const url = checkServerUrl(server, config.url);
  const headers: Record<string, string> = {};
  if (config.auth !== undefined) {
    const token = env[config.auth.tokenEnv];
    if (token === undefined || token === "") {
      throw new CrosscheckError(
        "MCP_CONFIG_INVALID",
        `servers.${server}.auth.tokenEnv: environment variable ${config.auth.tokenEnv} is not set; export the bearer token in it`,
      );
    }
    headers["authorization"] = `Bearer ${token}`;
  }
  return new StreamableHTTPClientTransport(url, {
    fetch: tlsFetch(server, config.tls),
    requestInit: { headers },
    reconnectionOptions: {
      maxRetries: 0,
      initialReconnectionDelay: 1000,
      maxReconnectionDelay: 1000,
      reconnectionDelayGrowFactor: 1,
    },
  });
}

function isMalformed(error: Error): boolean {
  return (
    error instanceof SyntaxError ||
    error.name === "ZodError" ||
    error.message.startsWith("Unknown message type") ||
    error.message.includes("unknown message ID")
  );
}

function malformed(server: string, error: Error): CrosscheckError {
  const detail = error instanceof SyntaxError ? error.message : error.message.split("\n")[0];
  return new CrosscheckError(
    "MCP_PROTOCOL",
    `server ${server} sent a malformed JSON-RPC message (${detail}); the server is broken or not an MCP server`,
    { cause: error },
  );
}

function tail(stderr: readonly string[]): string {
  const text = stderr.join("").trim();
  return text === "" ? "" : ` (its stderr ends: ${text.slice(-500)})`;
}

function mapError(
  server: string,
  what: string,
  error: unknown,
  timeoutMs: number,
  stderr: readonly string[],
): Error {
  if (isCrosscheckError(error)) return error;
  if (error instanceof McpError) {
    if (error.code === ErrorCode.RequestTimeout) {
      return new CrosscheckError(
        "MCP_UNREACHABLE",
        `server ${server} did not answer ${what} within ${timeoutMs} ms${tail(stderr)}; raise limits.callTimeoutMs or check the server`,
        { cause: error },
      );
    }
    if (error.code === ErrorCode.ConnectionClosed) {
      return new CrosscheckError(
        "MCP_UNREACHABLE",
        `server ${server} closed the connection during ${what}${tail(stderr)}; check that the server runs`,
        { cause: error },
      );
    }
    return new CrosscheckError("MCP_PROTOCOL", `server ${server} answered ${what} with ${error.message}`, {
      cause: error,
    });
  }
  if (error instanceof Error && isMalformed(error)) return malformed(server, error);
  if (error instanceof StreamableHTTPError && (error.code === 401 || error.code === 403)) {
    return new CrosscheckError(
      "UNAUTHENTICATED",
      `server ${server} refused the credentials during ${what} (HTTP ${error.code}); check servers.${server}.auth (the token in its tokenEnv variable) or tls.cert`,
      { cause: error },
    );
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ENOENT" || code === "EACCES") {
    return new CrosscheckError(
      "MCP_UNREACHABLE",
      `server ${server}: cannot start its command (${code}); fix servers.${server}.command`,
      { cause: error },
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new CrosscheckError(
    "MCP_PROTOCOL",
    `server ${server} failed during ${what}: ${message}${tail(stderr)}`,
    {
      cause: error,
    },
  );
}
