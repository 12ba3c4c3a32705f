import { CrosscheckError } from "../errors.js";

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "[::1]", "::1", "localhost"]);

/** True for the hosts plain HTTP is allowed on: 127.0.0.1, ::1 and localhost. */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase());
}

/**
 * Checks a server URL before anything connects: https anywhere, http only on a loopback host,
 * nothing else. Throws MCP_INSECURE_TRANSPORT naming the server and the fix.
 */
export function checkServerUrl(server: string, url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    throw new CrosscheckError(
      "MCP_CONFIG_INVALID",
      `servers.${server}.url: "${url}" is not a URL; give the server's https:// endpoint`,
      { cause: error },
    );
  }
  if (parsed.protocol === "https:") return parsed;
  if (parsed.protocol === "http:" && isLoopbackHost(parsed.hostname)) return parsed;
  if (parsed.protocol === "http:") {
    throw new CrosscheckError(
      "MCP_INSECURE_TRANSPORT",
      `servers.${server}.url: plain http is allowed only on loopback (127.0.0.1, ::1, localhost), not ${parsed.hostname}; use https://${parsed.host}${parsed.pathname}`,
    );
  }
  throw new CrosscheckError(
    "MCP_INSECURE_TRANSPORT",
    `servers.${server}.url: protocol ${parsed.protocol} is not supported; use https:// (or http:// on loopback)`,
  );
}
