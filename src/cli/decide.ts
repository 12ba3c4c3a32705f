import type { Command } from "commander";
import type { CrosscheckDatabase } from "../audit/database.js";
import { AuditLog } from "../audit/log.js";
import { CrosscheckError, isCrosscheckError } from "../errors.js";
import type { Workflow } from "../graph/define-workflow.js";
import { claimCase, releaseCase } from "../review/claims.js";
import { decideCase, type ReviewDecision } from "../review/decide.js";
import { type CliIdentity, cliIdentity, REVIEWER_TOKEN_ENV, readToken } from "../review/identity.js";
import { secondReview } from "../review/second-review.js";
import { recordedModulePath, WorkflowCache } from "../review/workflow-module.js";
import { cliUser } from "./audit.js";
import { globalOptions } from "./context.js";
import { openExistingDatabase, withExistingDatabase } from "./existing-database.js";
import { batchExitCode, formatCase } from "./format.js";
import { loadWorkflow } from "./load-module.js";
import type { CommandContext } from "./main.js";

interface DecideFlags {
  accept?: boolean;
  reject?: boolean;
  reviewer?: string;
  tokenFile?: string;
  reason?: string;
  workflow?: string;
  resume?: boolean;
  second?: boolean;
}

/** The decision and reason from the flags, or a USAGE error naming what is missing. */
function decisionFlags(flags: DecideFlags): ReviewDecision {
  if (flags.accept === flags.reject) {
    throw new CrosscheckError("USAGE", "decide needs exactly one of --accept or --reject");
  }
  if (flags.reason === undefined || flags.reason.trim() === "") {
    throw new CrosscheckError("USAGE", "decide needs --reason TEXT (why is recorded in the audit log)");
  }
  return { decision: flags.accept === true ? "accept" : "reject", reason: flags.reason };
}

/** Who decides: the token's reviewer, or (in a log with no registered reviewers) --reviewer. */
function identity(database: CrosscheckDatabase, flags: DecideFlags): CliIdentity {
  return cliIdentity(database, {
    token: readToken(flags.tokenFile),
    name: flags.reviewer,
    osUser: cliUser("reviewer").id,
  });
}

export function registerDecide(program: Command, { io, setExit }: CommandContext): void {
  program
    .command("decide")
    .description("record a human decision on an escalated case and resume its run")
    .argument("<case-id>", "the escalated case (printed by crosscheck run)")
    .option("--accept", "accept the worker's output")
    .option("--reject", "reject the worker's output")
    .option("--reason <text>", "why")
    .option(
      "--token-file <file>",
      `your reviewer token (or env ${REVIEWER_TOKEN_ENV}); required once the database has registered reviewers`,
    )
    .option("--reviewer <name>", "who decides, when the database has no registered reviewers")
    .option(
      "--second",
      "a second review of a case another reviewer decided: recorded as agreeing or overturning, the outcome stands",
    )
    .option("--workflow <file>", "the workflow file (default: the one recorded when the case was run)")
    .option(
      "--resume",
      "resume a case whose decision is recorded but whose run did not resume (after a crash)",
    )
    .action(async (caseId: string, flags: DecideFlags, command: Command) => {
      const global = globalOptions(command);
      if (flags.resume === true) {
        const file =
          flags.workflow ?? withExistingDatabase(global.db, (db) => recordedModulePath(db, caseId));
        const workflow = await loadWorkflow(file);
        try {
          const result = await workflow.decide(
            caseId,
            { decision: "accept", reviewer: "(recorded)", reason: "(recorded)" },
            { db: global.db, resumeOnly: true },
          );
          if (global.json) io.out(JSON.stringify(result));
          else for (const line of formatCase(result, result.taskId ?? caseId, global.color)) io.out(line);
          setExit(batchExitCode([result]));
        } finally {
          workflow.close();
        }
        return;
      }
      const decision = decisionFlags(flags);
      if (
        flags.tokenFile === undefined &&
        (process.env[REVIEWER_TOKEN_ENV] ?? "").trim() === "" &&
        (flags.reviewer ?? "").trim() === ""
      ) {
        throw new CrosscheckError(
          "USAGE",
          `decide needs your reviewer token (--token-file FILE or env ${REVIEWER_TOKEN_ENV}), or --reviewer NAME when the database has no registered reviewers: who decides is recorded in the audit log`,
        );
      }
      const database = openExistingDatabase(global.db);
      const log = new AuditLog(database);
      const workflows = new WorkflowCache();
      try {
        const { reviewer, authenticatedBy } = identity(database, flags);
        if (flags.second === true) {
          const review = secondReview(log, database, caseId, reviewer, decision, { authenticatedBy });
          const verdict = review.agrees ? "agrees with" : "overturns";
          if (global.json) io.out(JSON.stringify(review));
          else
            io.out(
              `second review recorded: ${reviewer.name} ${verdict} ${review.first.reviewer}'s ${review.first.decision} (the case's outcome stands)`,
            );
          setExit(0);
          return;
        }
        claimCase(log, database, caseId, reviewer, { authenticatedBy });
        let loaded: Workflow | undefined;
        try {
          if (flags.workflow !== undefined) loaded = await loadWorkflow(flags.workflow);
          const result = await decideCase(log, database, caseId, reviewer, decision, {
            authenticatedBy,
            workflow: async (id) => loaded ?? workflows.forCase(database, id),
          });
          if (global.json) io.out(JSON.stringify(result));
          else for (const line of formatCase(result, result.taskId ?? caseId, global.color)) io.out(line);
          setExit(batchExitCode([result]));
        } catch (error) {
          // When nothing was decided, give the claim back so the case does not stay reserved (a
          // decision that was recorded but did not resume is finished with --resume).
          try {
            releaseCase(log, database, caseId, reviewer, { authenticatedBy });
          } catch (release) {
            if (!isCrosscheckError(release) || release.code !== "ALREADY_DECIDED") throw release;
          }
          throw error;
        } finally {
          loaded?.close();
        }
      } finally {
        await workflows.close();
        database.close();
      }
    });
}
