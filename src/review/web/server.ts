import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { openDatabase } from "../../audit/database.js";
import { WorkflowCache } from "../workflow-module.js";
import { createReviewApp } from "./app.js";
import type { SessionKeys } from "./session.js";

/** Defaults of `crosscheck serve`: loopback only. */
export const DEFAULT_REVIEW_PORT = 7300;
export const DEFAULT_REVIEW_HOST = "127.0.0.1";

export interface ReviewServerOptions {
  /** SQLite file of the audit log. */
  db: string;
  /** Default 7300; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. Anything else exposes the review page to the network: put TLS in front. */
  host?: string;
  clock?: () => number;
  keys?: SessionKeys;
}

export interface ReviewServer {
  /** e.g. http://127.0.0.1:7300 */
  url: string;
  close(): Promise<void>;
}

/** Starts the review web server; resolves once it listens. */
export async function startReviewServer(options: ReviewServerOptions): Promise<ReviewServer> {
  const host = options.host ?? DEFAULT_REVIEW_HOST;
  const database = openDatabase(options.db);
  const workflows = new WorkflowCache();
  const hosts: string[] = [];
  const app = createReviewApp({
    database,
    workflows,
    allowedHosts: hosts,
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.keys === undefined ? {} : { keys: options.keys }),
  });
  const { server, port } = await new Promise<{ server: ReturnType<typeof serve>; port: number }>(
    (resolve, reject) => {
      const server = serve(
        { fetch: app.fetch, port: options.port ?? DEFAULT_REVIEW_PORT, hostname: host },
        (info: AddressInfo) => resolve({ server, port: info.port }),
      );
      server.once("error", reject);
    },
  );
  const shown = host.includes(":") ? `[${host}]` : host;
  hosts.push(`${shown}:${port}`);
  if (host === "127.0.0.1" || host === "::1") hosts.push(`localhost:${port}`);
  return {
    url: `http://${shown}:${port}`,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Browsers keep connections open; close() alone would wait for them.
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      await workflows.close();
      database.close();
    },
  };
}
