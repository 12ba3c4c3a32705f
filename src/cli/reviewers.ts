import type { Command } from "commander";
import { openDatabase } from "../audit/database.js";
import { ReviewerRegistry, type ReviewerRole } from "../review/reviewers.js";
import { cliUser } from "./audit.js";
import { globalOptions } from "./context.js";
import type { CommandContext } from "./main.js";

/** `crosscheck reviewers add | list | revoke`: who may use the review page. */
export function registerReviewers(program: Command, { io }: CommandContext): void {
  const reviewers = program.command("reviewers").description("Manage who may sign in to the review page");

  reviewers
    .command("add")
    .description("add a reviewer (or give them a new token) and print the token, once")
    .argument("<name>", "the reviewer's name, recorded on their decisions")
    .option("--role <role>", "viewer (reads cases) or reviewer (also claims and decides)", "reviewer")
    .action((name: string, flags: { role: string }, command: Command) => {
      const { db, json } = globalOptions(command);
      const database = openDatabase(db);
      try {
        const token = new ReviewerRegistry(database).add(name, flags.role as ReviewerRole, cliUser("admin"));
        if (json) io.out(JSON.stringify({ name, role: flags.role, token }));
        else {
          io.out(`added ${name} (${flags.role}). Their token, shown only this once:`);
          io.out(token);
          io.out("They sign in with it at the page `crosscheck serve` prints; only its SHA-256 is stored.");
        }
      } finally {
        database.close();
      }
    });

  reviewers
    .command("list")
    .description("list the reviewers and their roles")
    .action((_flags: unknown, command: Command) => {
      const { db, json } = globalOptions(command);
      const database = openDatabase(db);
      try {
        const all = new ReviewerRegistry(database).list();
        if (json) io.out(JSON.stringify(all));
        else if (all.length === 0) io.out("no reviewers: add one with `crosscheck reviewers add NAME`");
        else
          for (const r of all) {
            const state = r.revokedAt === null ? "active" : `revoked ${new Date(r.revokedAt).toISOString()}`;
            io.out(`${r.name.padEnd(20)} ${r.role.padEnd(9)} ${state}`);
          }
      } finally {
        database.close();
      }
    });

  reviewers
    .command("revoke")
    .description("revoke a reviewer's token (their sessions end at their next request)")
    .argument("<name>")
    .action((name: string, _flags: unknown, command: Command) => {
      const { db } = globalOptions(command);
      const database = openDatabase(db);
      try {
        new ReviewerRegistry(database).revoke(name, cliUser("admin"));
        io.out(`revoked ${name}`);
      } finally {
        database.close();
      }
    });
}
