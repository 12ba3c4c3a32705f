import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import { type Command, Option } from "commander";
import type { CrosscheckDatabase } from "../audit/database.js";
import { type Actor, LOG_RUN_ID } from "../audit/events.js";
import { EXPORT_FORMATS, type ExportFilters, type ExportFormat, exportEvents } from "../audit/export.js";
import { AuditLog } from "../audit/log.js";
import { verifyTree } from "../audit/merkle/verify-tree.js";
import { getRunAccount } from "../audit/queries.js";
import { renderAccount } from "../audit/show.js";
import { verifyLog } from "../audit/verify.js";
import { CrosscheckError } from "../errors.js";
import { registerAuditProofs } from "./audit-proofs.js";
import { registerAuditRecheck } from "./audit-recheck.js";
import { EXIT, globalOptions, type Io } from "./context.js";
import { withExistingDatabase } from "./existing-database.js";

/** What `registerAudit` needs from the program (the same shape main.ts passes every subcommand). */
export interface AuditCommandContext {
  io: Io;
  setExit(code: number): void;
}

const DECISIONS = ["accepted", "rejected", "escalated"] as const;

/** `crosscheck audit verify | export | show`. */
export function registerAudit(program: Command, ctx: AuditCommandContext): void {
  const audit = program.command("audit").description("Verify, export and read the tamper-evident audit log");
  registerAuditRecheck(audit, ctx);
  registerAuditProofs(audit, ctx);

  audit
    .command("verify")
    .description("Recompute the hash chain and report the first missing, edited or reordered event")
    .option("--tree", "also recompute the Merkle tree (every leaf, node and signed checkpoint root)")
    .action((options: { tree?: boolean }, command: Command) => {
      const { db, json } = globalOptions(command);
      withExistingDatabase(db, (database) => {
        const result = verifyLog(database);
        const tree = options.tree === true ? verifyTree(database.sqlite) : undefined;
        if (json) ctx.io.out(JSON.stringify(tree === undefined ? result : { ...result, tree }, null, 2));
        else if (result.ok) ctx.io.out(`ok: ${result.checked} events, head ${result.headHash}`);
        else ctx.io.out(`TAMPERED: ${result.firstBroken?.reason ?? "unknown"}`);
        if (tree !== undefined && !json) {
          ctx.io.out(
            tree.ok
              ? `ok: Merkle tree of ${tree.leaves} leaves, ${tree.checkpoints} signed checkpoint${tree.checkpoints === 1 ? "" : "s"} hold, root ${tree.rootHash}`
              : `TAMPERED: Merkle tree: ${tree.problem}`,
          );
        }
        ctx.setExit(result.ok && tree?.ok !== false ? EXIT.ok : EXIT.tampered);
      });
    });

  audit
    .command("export")
    .description("Stream events as JSON Lines or CSV (the export itself is recorded in the log)")
    .addOption(new Option("--format <format>", "output format").choices(EXPORT_FORMATS).default("jsonl"))
    .option("--run <id>", "only events of this run")
    .option(
      "--since <date>",
      "only events at or after this ISO date or datetime (UTC unless it says otherwise)",
    )
    .addOption(
      new Option("--decision <outcome>", "only events of cases with this outcome").choices(DECISIONS),
    )
    .option("--out <file>", "write to this file instead of stdout")
    .action(
      (
        options: {
          format: ExportFormat;
          run?: string;
          since?: string;
          decision?: ExportFilters["decision"];
          out?: string;
        },
        command: Command,
      ) => {
        const { db } = globalOptions(command);
        const filters: ExportFilters = {};
        if (options.run !== undefined) filters.runId = options.run;
        if (options.since !== undefined) filters.since = parseSince(options.since);
        if (options.decision !== undefined) filters.decision = options.decision;
        withExistingDatabase(db, (database) => {
          const count = writeExport(database, options.format, filters, options.out, ctx.io);
          new AuditLog(database).append([
            {
              kind: "log.exported",
              key: `log.exported:${randomUUID()}`,
              runId: filters.runId ?? LOG_RUN_ID,
              actor: cliUser("exporter"),
              payload: { format: options.format, filters: { ...filters }, events: count },
            },
          ]);
          const where = options.out === undefined ? "" : ` to ${options.out}`;
          // stdout may be the export itself: the summary goes to stderr then.
          (options.out === undefined ? ctx.io.err : ctx.io.out)(`exported ${count} events${where}`);
          ctx.setExit(EXIT.ok);
        });
      },
    );

  audit
    .command("show")
    .description("A readable account of a run or a case: output, verdicts, findings, decision, human review")
    .argument("<id>", "a run id or a case id")
    .action((id: string, _options: unknown, command: Command) => {
      const { db, json } = globalOptions(command);
      withExistingDatabase(db, (database) => {
        const account = getRunAccount(database, id);
        ctx.io.out(json ? JSON.stringify(account, null, 2) : renderAccount(account));
        ctx.setExit(EXIT.ok);
      });
    });
}

function writeExport(
  database: CrosscheckDatabase,
  format: ExportFormat,
  filters: ExportFilters,
  out: string | undefined,
  io: Io,
): number {
  if (out === undefined) {
    // io.out adds the newline: hand it each line without its final "\n" (CSV keeps its "\r").
    return exportEvents(database, format, filters, (chunk) => io.out(chunk.slice(0, -1)));
  }
  let fd: number;
  try {
    fd = fs.openSync(out, "w");
  } catch (error) {
    throw new CrosscheckError(
      "USAGE",
      `--out: cannot write ${out} (${(error as Error).message}): pick a writable path`,
      {
        cause: error,
      },
    );
  }
  try {
    return exportEvents(database, format, filters, (chunk) => fs.writeSync(fd, chunk));
  } finally {
    fs.closeSync(fd);
  }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** `--since` as ms since the epoch. A bare date or a datetime without offset is read as UTC. */
export function parseSince(value: string): number {
  const trimmed = value.trim();
  const utc = /T/.test(trimmed) && !/(Z|[+-]\d{2}:\d{2})$/.test(trimmed) ? `${trimmed}Z` : trimmed;
  const ms = ISO_DATE.test(trimmed) ? Date.parse(utc) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new CrosscheckError(
      "USAGE",
      `--since: "${value}" is not an ISO date or datetime; use e.g. 2025-01-31 or 2025-01-31T09:30:00Z`,
    );
  }
  return ms;
}

/** The person running the command, as far as the OS says. */
export function cliUser(role: string): Actor {
  let id = process.env["USER"] ?? process.env["USERNAME"] ?? "unknown";
  try {
    id = os.userInfo().username;
  } catch {
    // No passwd entry (some containers): keep the environment's name.
  }
  return { type: "human", id, role, authenticatedBy: "os-user" };
}
