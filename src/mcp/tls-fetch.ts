import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import { Readable } from "node:stream";
import { CrosscheckError } from "../errors.js";

/** The fetch signature the MCP SDK's HTTP transport accepts. */
export type FetchLike = (url: string | URL, init?: RequestInit) => Promise<Response>;

/** TLS material for one server, already resolved to absolute paths. */
export interface TlsFiles {
  ca?: string | undefined;
  cert?: string | undefined;
  key?: string | undefined;
}

const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);

/** Node's codes for a server certificate that does not verify. */
const VERIFY_CODES = new Set([
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "CERT_UNTRUSTED",
  "CERT_SIGNATURE_FAILURE",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

function readPem(server: string, field: string, file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw new CrosscheckError(
      "MCP_CONFIG_INVALID",
      `servers.${server}.tls.${field}: cannot read ${file}; fix the path (relative to the config file)`,
      { cause: error },
    );
  }
}

/**
 * A fetch over node:https (node:http for loopback http) that verifies the server certificate
 * against `tls.ca` (or the system roots), presents the client certificate when configured, and
 * never follows redirects. TLS failures become MCP_TLS_FAILED errors that say what to fix.
 */
export function tlsFetch(server: string, tls: TlsFiles = {}): FetchLike {
  const ca = tls.ca === undefined ? undefined : readPem(server, "ca", tls.ca);
  const cert = tls.cert === undefined ? undefined : readPem(server, "cert", tls.cert);
  const key = tls.key === undefined ? undefined : readPem(server, "key", tls.key);
  return (input, init = {}) =>
    new Promise<Response>((resolve, reject) => {
      const url = new URL(String(input));
      const headers: Record<string, string> = {};
      new Headers(init.headers).forEach((value, name) => {
        headers[name] = value;
      });
      const options: https.RequestOptions = { method: init.method ?? "GET", headers };
      if (init.signal) options.signal = init.signal;
      const secure = url.protocol === "https:";
      if (secure) {
        options.rejectUnauthorized = true;
        if (ca) options.ca = ca;
        if (cert) options.cert = cert;
        if (key) options.key = key;
      }
      const request = (secure ? https : http).request(url, options, (res) => {
        const status = res.statusCode ?? 0;
        const responseHeaders = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          if (Array.isArray(value)) for (const v of value) responseHeaders.append(name, v);
          else if (value !== undefined) responseHeaders.set(name, value);
        }
        const body = NULL_BODY_STATUS.has(status)
          ? null
          : (Readable.toWeb(res) as unknown as ReadableStream<Uint8Array>);
        if (body === null) res.resume();
        resolve(
          new Response(body, { status, statusText: res.statusMessage ?? "", headers: responseHeaders }),
        );
      });
      request.on("error", (error) => reject(describeNetworkError(server, url, error, tls)));
      const body = init.body;
      if (body === undefined || body === null) request.end();
      else if (typeof body === "string" || body instanceof Uint8Array) request.end(body);
      else {
        request.destroy();
        reject(new Error(`tlsFetch: unsupported request body type for ${url.href}`));
      }
    });
}

/** Turns a socket or TLS error into an error that names the server and the fix. */
export function describeNetworkError(server: string, url: URL, error: Error, tls: TlsFiles): Error {
  const code = (error as NodeJS.ErrnoException).code ?? "";
  if (error.name === "AbortError") return error;
  if (VERIFY_CODES.has(code)) {
    const fix =
      tls.ca === undefined
        ? `set servers.${server}.tls.ca to the CA that signed it`
        : `servers.${server}.tls.ca (${tls.ca}) did not sign it: point tls.ca at the right CA`;
    return new CrosscheckError(
      "MCP_TLS_FAILED",
      `server ${server} (${url.host}): its certificate was not verified (${code}): ${fix}`,
      { cause: error },
    );
  }
  const tlsProblem = code.startsWith("ERR_SSL") || /alert|handshake|socket hang up/i.test(error.message);
  if (url.protocol === "https:" && (tlsProblem || code === "ECONNRESET")) {
    const hint =
      tls.cert === undefined
        ? `; if it requires a client certificate, set servers.${server}.tls.cert and tls.key`
        : "; check that tls.cert/tls.key is a client certificate it accepts";
    return new CrosscheckError(
      "MCP_TLS_FAILED",
      `server ${server} (${url.host}) ended the TLS handshake (${code || error.message})${hint}`,
      { cause: error },
    );
  }
  return new CrosscheckError(
    "MCP_UNREACHABLE",
    `server ${server} (${url.host}) is unreachable: ${error.message}; check that it runs and servers.${server}.url`,
    { cause: error },
  );
}
