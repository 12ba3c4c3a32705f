import fs from "node:fs";
import { Command, CommanderError } from "commander";
import { INPUT_ERROR_CODES, isCrosscheckError } from "../errors.js";
import { registerAgents } from "./agents.js";
import { registerAudit } from "./audit.js";
import { registerAuditors } from "./auditors.js";
import { EXIT, globalOptions, type Io, processIo } from "./context.js";
import { registerDecide } from "./decide.js";
import { registerGuard } from "./guard.js";
import { registerIngest } from "./ingest.js";
import { registerKeys } from "./keys.js";
import { registerMcp } from "./mcp.js";
import { registerQuarantine } from "./quarantine.js";
import { registerReview } from "./review.js";
import { registerReviewDiff } from "./review-diff.js";
import { registerReviewers } from "./reviewers.js";
import { registerRun } from "./run.js";
import { registerSandbox } from "./sandbox.js";
import { registerScan } from "./scan.js";
import { registerScenarios } from "./scenarios.js";
import { registerSearch } from "./search.js";
import { registerServe } from "./serve.js";

function packageVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  return pkg.version;
}

/** Builds the `crosscheck` program. Subcommands report their exit code through `setExit`. */
export function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command("crosscheck")
    .description("Multi-agent mutual audit: run workflows, decide escalations, verify the audit log")
    .option("--db <path>", "SQLite database file (env CROSSCHECK_DB)", undefined)
    .option("--json", "machine-readable output")
    .version(packageVersion(), "-V, --version")
    .showHelpAfterError("(run crosscheck --help for usage)")
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.out(s.trimEnd()),
      writeErr: (s) => io.err(s.trimEnd()),
    });
  // Code that opens the log on its own (a workflow module calling `ledgerWeights()`, a retriever
  // opening the embedded store) reads CROSSCHECK_DB: make it the database this command uses.
  program.hook("preAction", (_root, action) => {
    process.env["CROSSCHECK_DB"] = globalOptions(action).db;
  });
  const ctx = { io, setExit };
  registerRun(program, ctx);
  registerDecide(program, ctx);
  registerAudit(program, ctx);
  registerScenarios(program, ctx);
  registerReviewDiff(program, ctx);
  registerScan(program, ctx);
  registerIngest(program, ctx);
  registerGuard(program, ctx);
  registerQuarantine(program, ctx);
  registerKeys(program, ctx);
  registerMcp(program, ctx);
  registerAgents(program, ctx);
  registerSearch(program, ctx);
  registerReview(program, ctx);
  registerServe(program, ctx);
  registerReviewers(program, ctx);
  registerAuditors(program, ctx);
  registerSandbox(program, ctx);
  return program;
}

export interface CommandContext {
  io: Io;
  setExit(code: number): void;
}

/** Runs the CLI with `argv` (as process.argv) and resolves to the exit code. */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  const envDb = process.env["CROSSCHECK_DB"];
  try {
    await program.parseAsync([...argv]);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; every other commander error is a usage error.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (isCrosscheckError(error)) {
      io.err(`crosscheck: ${error.message}`);
      if (error.code === "LOG_TAMPERED") return EXIT.tampered;
      return INPUT_ERROR_CODES.has(error.code) ? EXIT.usage : EXIT.internal;
    }
    io.err(
      `crosscheck: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return EXIT.internal;
  } finally {
    // In-process callers (tests, embedders) get their environment back as it was.
    if (envDb === undefined) delete process.env["CROSSCHECK_DB"];
    else process.env["CROSSCHECK_DB"] = envDb;
  }
}
