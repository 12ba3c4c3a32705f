import fs from "node:fs";
import type { Command } from "commander";
import { openDatabase } from "../audit/database.js";
import { CrosscheckError } from "../errors.js";
import { recordedModulePath } from "../review/workflow-module.js";
import { globalOptions } from "./context.js";
import { batchExitCode, formatCase } from "./format.js";
import { loadWorkflow } from "./load-module.js";
import type { CommandContext } from "./main.js";

interface DecideFlags {
  accept?: boolean;
  reject?: boolean;
  reviewer?: string;
  reason?: string;
  workflow?: string;
  resume?: boolean;
}

/** Finds the workflow file of the case's run, as recorded by `crosscheck run`. */
function recordedModule(dbPath: string, caseId: string): string {
  if (!fs.existsSync(dbPath)) {
    throw new CrosscheckError("USAGE", `no audit database at ${dbPath}: run a workflow first or pass --db`);
  }
  const database = openDatabase(dbPath);
  try {
    return recordedModulePath(database, caseId);
  } finally {
    database.close();
  }
}

export function registerDecide(program: Command, { io, setExit }: CommandContext): void {
  program
    .command("decide")
    .description("record a human decision on an escalated case and resume its run")
    .argument("<case-id>", "the escalated case (printed by crosscheck run)")
    .option("--accept", "accept the worker's output")
    .option("--reject", "reject the worker's output")
    .option("--reviewer <name>", "who decides")
    .option("--reason <text>", "why")
    .option("--workflow <file>", "the workflow file (default: the one recorded when the case was run)")
    .option(
      "--resume",
      "resume a case whose decision is recorded but whose run did not resume (after a crash)",
    )
    .action(async (caseId: string, flags: DecideFlags, command: Command) => {
      const global = globalOptions(command);
      if (flags.resume !== true) {
        if (flags.accept === flags.reject) {
          throw new CrosscheckError("USAGE", "decide needs exactly one of --accept or --reject");
        }
        if (flags.reviewer === undefined || flags.reviewer.trim() === "") {
          throw new CrosscheckError(
            "USAGE",
            "decide needs --reviewer NAME (who decides is recorded in the audit log)",
          );
        }
        if (flags.reason === undefined || flags.reason.trim() === "") {
          throw new CrosscheckError("USAGE", "decide needs --reason TEXT (why is recorded in the audit log)");
        }
      }
      const file = flags.workflow ?? recordedModule(global.db, caseId);
      const workflow = await loadWorkflow(file);
      try {
        const result = await workflow.decide(
          caseId,
          {
            decision: flags.accept === true ? "accept" : "reject",
            reviewer: flags.reviewer ?? "(recorded)",
            reason: flags.reason ?? "(recorded)",
          },
          { db: global.db, resumeOnly: flags.resume === true },
        );
        if (global.json) io.out(JSON.stringify(result));
        else for (const line of formatCase(result, result.taskId ?? caseId, global.color)) io.out(line);
        setExit(batchExitCode([result]));
      } finally {
        workflow.close();
      }
    });
}
