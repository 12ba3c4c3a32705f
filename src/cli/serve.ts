import fs from "node:fs";
import type { Command } from "commander";
import { CrosscheckError } from "../errors.js";
import { DEFAULT_REVIEW_HOST, DEFAULT_REVIEW_PORT, startReviewServer } from "../review/web/server.js";
import { globalOptions } from "./context.js";
import type { CommandContext } from "./main.js";

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);

/** `crosscheck serve`: the review web page, until Ctrl-C. */
export function registerServe(program: Command, { io }: CommandContext): void {
  program
    .command("serve")
    .description("serve the review page (queue, cases, decisions) on this machine")
    .option("--port <n>", "TCP port (0: any free port)", String(DEFAULT_REVIEW_PORT))
    .option(
      "--host <address>",
      "address to bind; anything but loopback exposes the page",
      DEFAULT_REVIEW_HOST,
    )
    .action(async (flags: { port: string; host: string }, command: Command) => {
      const { db } = globalOptions(command);
      const port = Number(flags.port);
      if (!Number.isInteger(port) || port < 0 || port > 65_535) {
        throw new CrosscheckError(
          "USAGE",
          `--port must be a whole number from 0 to 65535, got "${flags.port}"`,
        );
      }
      if (!fs.existsSync(db)) {
        throw new CrosscheckError("USAGE", `no audit database at ${db}: run a workflow first or pass --db`);
      }
      const server = await startReviewServer({ db, port, host: flags.host });
      io.out(`review page: ${server.url}/ (Ctrl-C to stop)`);
      if (!LOOPBACK.has(flags.host)) {
        io.err(`warning: bound to ${flags.host}, reachable from the network: put TLS in front of it`);
      }
      await new Promise<void>((resolve) => {
        process.once("SIGINT", resolve);
        process.once("SIGTERM", resolve);
      });
      await server.close();
    });
}
