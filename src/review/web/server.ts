import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { openDatabase } from "../../audit/database.js";
import { AuditLog } from "../../audit/log.js";
import { sweepSla } from "../sla.js";
import { WorkflowCache } from "../workflow-module.js";
import { createReviewApp } from "./app.js";
import type { SessionKeys } from "./session.js";

/** Defaults of `crosscheck serve`: loopback only. */
export const DEFAULT_REVIEW_PORT = 7300;
export const DEFAULT_REVIEW_HOST = "127.0.0.1";
/** How often the server sweeps overdue cases, in ms. */
export const SLA_SWEEP_MS = 60_000;

export interface ReviewServerOptions {
  /** SQLite file of the audit log. */
  db: string;
  /** Default 7300; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. Anything else exposes the review page to the network: put TLS in front. */
  host?: string;
  clock?: () => number;
  keys?: SessionKeys;
  /** How often overdue cases are swept (`escalation.slaMinutes`), in ms. Default 60 000. */
  slaSweepMs?: number;
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
  // The SLA: overdue cases are flagged, or rejected where the workflow says so, every minute.
  const log = new AuditLog(database);
  const clock = options.clock ?? Date.now;
  let sweeping: Promise<void> | undefined;
  const sweep = () => {
    sweeping ??= sweepSla(log, database, {
      now: clock(),
      workflow: (caseId) => workflows.forCase(database, caseId),
    })
      .then(
        (result) => {
          for (const f of result.failed)
            console.error(`crosscheck serve: SLA could not reject ${f.caseId}: ${f.error}`);
        },
        (error: unknown) => console.error(`crosscheck serve: SLA sweep failed: ${String(error)}`),
      )
      .finally(() => {
        sweeping = undefined;
      });
    return sweeping;
  };
  void sweep();
  const timer = setInterval(() => void sweep(), options.slaSweepMs ?? SLA_SWEEP_MS);
  timer.unref();
  const shown = host.includes(":") ? `[${host}]` : host;
  hosts.push(`${shown}:${port}`);
  if (host === "127.0.0.1" || host === "::1") hosts.push(`localhost:${port}`);
  return {
    url: `http://${shown}:${port}`,
    close: async () => {
      clearInterval(timer);
      await sweeping;
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
