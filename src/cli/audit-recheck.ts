import type { Command } from "commander";
import { getRunAccount } from "../audit/queries.js";
import { CrosscheckError } from "../errors.js";
import { loggedRetrieval, type RecheckReport, recheckRetrieval, storeForRecheck } from "../rag/recheck.js";
import type { AuditCommandContext } from "./audit.js";
import { EXIT, globalOptions } from "./context.js";
import { openExistingDatabase } from "./existing-database.js";
import { safeText } from "./format.js";

/** `crosscheck audit recheck <case-id>`: exit 0 when the evidence is unchanged, 1 when it changed. */
export function registerAuditRecheck(audit: Command, ctx: AuditCommandContext): void {
  audit
    .command("recheck")
    .description(
      "Run a case's logged retrieval again and say whether its evidence changed (exit 1 if it did)",
    )
    .argument("<case-id>", "the case whose evidence to recheck")
    .option("--store <spec>", "the store to query instead of the logged one (embedded:<file> or weaviate)")
    .action(async (caseId: string, flags: { store?: string }, command: Command) => {
      const { db, json } = globalOptions(command);
      const database = openExistingDatabase(db);
      let account: ReturnType<typeof getRunAccount>;
      try {
        account = getRunAccount(database, caseId);
      } finally {
        database.close();
      }
      const found = account.cases.find((c) => c.id === caseId);
      if (found === undefined || account.focusCaseId === undefined) {
        throw new CrosscheckError(
          "USAGE",
          `"${caseId}" is a run, not a case: pass one of its case ids (crosscheck audit show ${caseId})`,
        );
      }
      const logged = loggedRetrieval(caseId, found.evidenceParams);
      const store = await storeForRecheck(logged, flags.store);
      let report: RecheckReport;
      try {
        report = await recheckRetrieval(store, logged, found.evidence);
      } finally {
        await store.close();
      }
      if (json) ctx.io.out(JSON.stringify({ caseId, ...report }, null, 2));
      else for (const line of reportLines(report)) ctx.io.out(line);
      ctx.setExit(report.evidenceUnchanged ? EXIT.ok : EXIT.rejected);
    });
}

function reportLines(report: RecheckReport): string[] {
  const version =
    report.currentVersion === report.loggedVersion
      ? `collection ${report.collection} still at v${report.loggedVersion}`
      : `collection ${report.collection} v${report.loggedVersion} -> v${report.currentVersion}`;
  if (report.evidenceUnchanged) return [`unchanged: the same evidence comes back (${version})`];
  const lines = [`CHANGED: the evidence differs from what the verdicts relied on (${version})`];
  for (const id of report.changed) lines.push(`  changed ${safeText(id)} (new content hash)`);
  for (const id of report.removed) lines.push(`  gone    ${safeText(id)}`);
  for (const id of report.added) lines.push(`  new     ${safeText(id)}`);
  return lines;
}
