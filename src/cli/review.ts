import fs from "node:fs";
import * as prompt from "@clack/prompts";
import type { Command } from "commander";
import { openDatabase } from "../audit/database.js";
import { AuditLog } from "../audit/log.js";
import { CrosscheckError } from "../errors.js";
import { cliIdentity, REVIEWER_TOKEN_ENV, readToken } from "../review/identity.js";
import { listQueue, type QueueItem } from "../review/queue.js";
import { type Prompter, type ReviewAction, reviewInTerminal } from "../review/terminal-review.js";
import { WorkflowCache } from "../review/workflow-module.js";
import { cliUser } from "./audit.js";
import { globalOptions, type Io } from "./context.js";
import type { CommandContext } from "./main.js";

interface ReviewFlags {
  workflow?: string;
  reviewer?: string;
  tokenFile?: string;
  list?: boolean;
}

export const NOT_A_TERMINAL =
  "crosscheck review is interactive and needs a terminal: list the queue with `crosscheck review --list`, then decide each case with `crosscheck decide <case-id> --accept|--reject --reviewer NAME --reason TEXT`";

/** `crosscheck review`: walk the waiting escalations one by one in the terminal. */
export function registerReview(program: Command, { io }: CommandContext): void {
  program
    .command("review")
    .description("review escalated cases one by one: accept, reject or skip, with a reason")
    .option("--workflow <name>", "only this workflow's cases")
    .option(
      "--token-file <file>",
      `your reviewer token (or env ${REVIEWER_TOKEN_ENV}); required once the database has registered reviewers`,
    )
    .option(
      "--reviewer <name>",
      "who decides when the database has no registered reviewers (default: your OS user)",
    )
    .option("--list", "print the waiting cases and exit (works without a terminal)")
    .action(async (flags: ReviewFlags, command: Command) => {
      const { db, json } = globalOptions(command);
      if (!fs.existsSync(db)) {
        throw new CrosscheckError("USAGE", `no audit database at ${db}: run a workflow first or pass --db`);
      }
      if (flags.list !== true && (process.stdin.isTTY !== true || process.stdout.isTTY !== true)) {
        throw new CrosscheckError("USAGE", NOT_A_TERMINAL);
      }
      const database = openDatabase(db);
      const workflows = new WorkflowCache();
      try {
        const items = listQueue(database, flags.workflow === undefined ? {} : { workflow: flags.workflow });
        if (flags.list === true) printQueue(io, items, json);
        else {
          const { reviewer, authenticatedBy } = cliIdentity(database, {
            token: readToken(flags.tokenFile),
            name: flags.reviewer,
            osUser: cliUser("reviewer").id,
          });
          await reviewInTerminal(items, clackPrompter, {
            log: new AuditLog(database),
            database,
            reviewer,
            authenticatedBy,
            workflow: (caseId) => workflows.forCase(database, caseId),
            color: globalOptions(command).color,
          });
        }
      } finally {
        await workflows.close();
        database.close();
      }
    });
}

function printQueue(io: Io, items: readonly QueueItem[], json: boolean): void {
  if (json) io.out(JSON.stringify(items));
  else if (items.length === 0) io.out("no case waits for a decision");
  else
    for (const i of items) {
      const claim = i.claim === null ? "" : ` claimed by ${i.claim.reviewer}`;
      io.out(
        `${i.caseId}  ${i.priority.padEnd(8)} ${i.workflow}  ${i.state}${claim}${i.overdue ? " OVERDUE" : ""}`,
      );
    }
}

/** The terminal conversation, with @clack/prompts. */
const clackPrompter: Prompter = {
  intro: (text) => prompt.intro(`crosscheck review — ${text}`),
  outro: (text) => prompt.outro(text),
  show: (lines, title) => prompt.note(lines.join("\n"), title),
  warn: (text) => prompt.log.warn(text),
  choose: async () => {
    const action = await prompt.select<ReviewAction>({
      message: "Your decision",
      options: [
        { value: "accept", label: "Accept the output" },
        { value: "reject", label: "Reject the output" },
        { value: "skip", label: "Skip (release the claim)" },
        { value: "quit", label: "Quit" },
      ],
    });
    return prompt.isCancel(action) ? "quit" : action;
  },
  reason: async (decision) => {
    const reason = await prompt.text({
      message: decision === "reject" ? "Why reject? (required)" : "Why accept? (recorded in the audit log)",
      validate: (value) =>
        (value ?? "").trim() === "" ? "a reason is required: it is recorded in the audit log" : undefined,
    });
    return prompt.isCancel(reason) ? undefined : reason;
  },
  working: (text) => {
    const spin = prompt.spinner();
    spin.start(text);
    return { done: (message) => spin.stop(message) };
  },
};
