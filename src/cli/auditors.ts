import type { Command } from "commander";
import { auditorLedger, reviewerStats } from "../review/ledger.js";
import { globalOptions } from "./context.js";
import { openExistingDatabase } from "./existing-database.js";
import type { CommandContext } from "./main.js";

const fixed = (value: number | null) => (value === null ? "n/a" : value.toFixed(2));

/** `crosscheck auditors stats`: each auditor against the human decisions. */
export function registerAuditors(program: Command, { io }: CommandContext): void {
  program
    .command("auditors")
    .description("How the auditors compare with human decisions")
    .command("stats")
    .description("per auditor (and version): agreement with human decisions, Cohen's kappa, by rule family")
    .action((_flags: unknown, command: Command) => {
      const { db, json } = globalOptions(command);
      const database = openExistingDatabase(db);
      try {
        const ledger = auditorLedger(database);
        const reviewers = reviewerStats(database);
        if (json) {
          io.out(JSON.stringify({ auditors: ledger, reviewers }, null, 2));
          return;
        }
        if (ledger.length === 0) {
          io.out("no human decision yet: nothing to compare the auditors with");
          return;
        }
        io.out(`${"auditor".padEnd(24)} ${"version".padEnd(12)} decided agreed abstained agreement kappa`);
        for (const r of ledger) {
          io.out(
            `${r.auditor.padEnd(24)} ${r.version.padEnd(12)} ${String(r.decided).padStart(7)} ${String(r.agreed).padStart(6)} ${String(r.abstained).padStart(9)} ${fixed(r.agreement).padStart(9)} ${fixed(r.kappa).padStart(5)}`,
          );
          for (const f of r.families) io.out(`  ${f.family}: upheld ${f.upheld}, overturned ${f.overturned}`);
        }
        io.out("");
        io.out(
          `${"reviewer".padEnd(24)} decisions accepted rejected median-wait second-reviewed overturned overturn-rate gave`,
        );
        for (const r of reviewers) {
          const wait = `${(r.medianMsToDecide / 60_000).toFixed(1)} min`;
          io.out(
            `${r.reviewer.padEnd(24)} ${String(r.decisions).padStart(9)} ${String(r.accepted).padStart(8)} ${String(r.rejected).padStart(8)} ${wait.padStart(11)} ${String(r.secondReviewed).padStart(15)} ${String(r.overturned).padStart(10)} ${percent(r.overturnRate).padStart(13)} ${String(r.secondReviewsGiven).padStart(4)}`,
          );
        }
      } finally {
        database.close();
      }
    });
}

function percent(rate: number | null): string {
  return rate === null ? "-" : `${(rate * 100).toFixed(0)}%`;
}
