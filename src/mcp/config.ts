import path from "node:path";
import { z } from "zod";
import { parseWith } from "../domain/parse.js";
import { CrosscheckError } from "../errors.js";
import { readJsonFile } from "../internal/read-json-file.js";

/** Default config file, looked up in the working folder. */
export const DEFAULT_MCP_CONFIG = "crosscheck.mcp.json";
/** Default pin lock file, beside the config file. */
export const DEFAULT_MCP_LOCK = "crosscheck.mcp.lock.json";
/** Results longer than this (UTF-8 bytes) are truncated with a marker. */
export const DEFAULT_MAX_RESULT_BYTES = 64 * 1024;
/** A tool call (and connecting, and listing tools) fails after this many ms. */
export const DEFAULT_CALL_TIMEOUT_MS = 30_000;

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const LimitsSchema = z
  .object({
    /** Results longer than this many UTF-8 bytes are cut, with a marker saying so. */
    maxResultBytes: z.number().int().positive().optional(),
    /** Milliseconds before a call (or connect, or tools/list) is abandoned. */
    callTimeoutMs: z.number().int().positive().optional(),
  })
  .strict();

/** Bearer token read from an environment variable at connect time: the secret is never in the file. */
const AuthSchema = z
  .object({
    type: z.literal("bearer"),
    tokenEnv: z.string().regex(ENV_NAME, "must be an environment variable name such as MCP_TOKEN"),
  })
  .strict();

/** TLS for https servers. Paths are relative to the config file. */
const TlsSchema = z
  .object({
    /** PEM CA bundle that must have signed the server certificate (default: the system roots). */
    ca: z.string().min(1).optional(),
    /** PEM client certificate for mutual TLS (needs `key`). */
    cert: z.string().min(1).optional(),
    /** PEM private key of the client certificate (needs `cert`). */
    key: z.string().min(1).optional(),
  })
  .strict()
  .refine((tls) => (tls.cert === undefined) === (tls.key === undefined), {
    message: "cert and key go together: give both (mutual TLS) or neither",
  });

const common = {
  /** Tools of this server the agents may use; any other tool is blocked. */
  tools: z.array(z.string().min(1)),
  limits: LimitsSchema.optional(),
};

const StdioServerSchema = z
  .object({
    command: z.string().min(1),
    args: z.array(z.string()).default([]),
    /** Literal environment for the server process (no secrets: use passEnv). */
    env: z.record(z.string().regex(ENV_NAME), z.string()).default({}),
    /** Names of variables copied from the gateway's own environment (secrets go here). */
    passEnv: z.array(z.string().regex(ENV_NAME)).default([]),
    cwd: z.string().optional(),
    ...common,
  })
  .strict();

const HttpServerSchema = z
  .object({
    /** Streamable HTTP endpoint: https, or http on a loopback host only. */
    url: z.string().url(),
    auth: AuthSchema.optional(),
    tls: TlsSchema.optional(),
    ...common,
  })
  .strict();

/** A server with `command` is a stdio server; any other an HTTP server (so errors name the right fields). */
export type McpServerConfig = z.infer<typeof StdioServerSchema> | z.infer<typeof HttpServerSchema>;

function parseServer(name: string, raw: unknown): McpServerConfig {
  const stdio = typeof raw === "object" && raw !== null && "command" in raw;
  const kind = stdio ? "a stdio server (command)" : "an HTTP server (url)";
  const auth = (raw as { auth?: unknown } | null)?.auth;
  if (typeof auth === "object" && auth !== null && "token" in auth) {
    throw new CrosscheckError(
      "MCP_CONFIG_INVALID",
      `servers.${name}.auth.token: never write the secret into the config; export it in an environment variable and name that in auth.tokenEnv`,
    );
  }
  return parseWith(
    stdio ? StdioServerSchema : HttpServerSchema,
    raw,
    "MCP_CONFIG_INVALID",
    `MCP gateway config: servers.${name}, ${kind},`,
  );
}
export type StdioServerConfig = z.infer<typeof StdioServerSchema>;
export type HttpServerConfig = z.infer<typeof HttpServerSchema>;

export const McpGatewayConfigSchema = z
  .object({
    servers: z.record(
      z.string().regex(NAME, "server names are letters, digits, '_', '.', '-' (max 64)"),
      z.unknown(),
    ),
    limits: LimitsSchema.optional(),
    /** Pin lock file; relative to the config file. Default crosscheck.mcp.lock.json beside it. */
    lockFile: z.string().min(1).optional(),
  })
  .strict();
/** The gateway config as written (a `crosscheck.mcp.json` file, or an object in code). */
export type McpGatewayConfig = Omit<z.input<typeof McpGatewayConfigSchema>, "servers"> & {
  servers: Record<string, z.input<typeof StdioServerSchema> | z.input<typeof HttpServerSchema>>;
};

/** A validated config with paths made absolute against `baseDir`. */
export interface ResolvedGatewayConfig {
  readonly servers: Readonly<Record<string, McpServerConfig>>;
  readonly lockFile: string;
  readonly baseDir: string;
  limitsFor(server: string): { maxResultBytes: number; callTimeoutMs: number };
}

export function isStdioServer(server: McpServerConfig): server is StdioServerConfig {
  return "command" in server;
}

/**
 * Validates a gateway config (from a file or from code). `baseDir` anchors relative paths
 * (TLS files, the lock file, a stdio server's cwd); default the working folder.
 */
export function resolveGatewayConfig(input: unknown, baseDir = process.cwd()): ResolvedGatewayConfig {
  const config = parseWith(McpGatewayConfigSchema, input, "MCP_CONFIG_INVALID", "MCP gateway config");
  const servers: Record<string, McpServerConfig> = {};
  for (const [name, raw] of Object.entries(config.servers)) {
    const server = parseServer(name, raw);
    servers[name] = isStdioServer(server)
      ? { ...server, ...(server.cwd === undefined ? {} : { cwd: path.resolve(baseDir, server.cwd) }) }
      : { ...server, ...(server.tls === undefined ? {} : { tls: resolveTls(server.tls, baseDir) }) };
  }
  const lockFile = path.resolve(baseDir, config.lockFile ?? DEFAULT_MCP_LOCK);
  return {
    servers,
    lockFile,
    baseDir,
    limitsFor(server) {
      const own = servers[server]?.limits;
      return {
        maxResultBytes: own?.maxResultBytes ?? config.limits?.maxResultBytes ?? DEFAULT_MAX_RESULT_BYTES,
        callTimeoutMs: own?.callTimeoutMs ?? config.limits?.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS,
      };
    },
  };
}

function resolveTls(tls: NonNullable<HttpServerConfig["tls"]>, baseDir: string) {
  const out: NonNullable<HttpServerConfig["tls"]> = {};
  if (tls.ca !== undefined) out.ca = path.resolve(baseDir, tls.ca);
  if (tls.cert !== undefined) out.cert = path.resolve(baseDir, tls.cert);
  if (tls.key !== undefined) out.key = path.resolve(baseDir, tls.key);
  return out;
}

/** Reads and validates a config file (JSON); relative paths in it are relative to the file. */
export function loadGatewayConfig(file = DEFAULT_MCP_CONFIG): ResolvedGatewayConfig {
  const absolute = path.resolve(file);
  const json = readJsonFile(absolute, {
    code: "MCP_CONFIG_INVALID",
    unreadable: `cannot read the MCP gateway config ${absolute}: create it (see docs/mcp.md) or pass --config`,
    notJson: (message) => `the MCP gateway config ${absolute} is not JSON: ${message}`,
  });
  return resolveGatewayConfig(json, path.dirname(absolute));
}
