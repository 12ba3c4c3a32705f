import type { Command } from "commander";
import { type QuarantinedChunk, SqliteQuarantine } from "../rag/quarantine.js";
import { checkCollectionName } from "../rag/store-checks.js";
import { EXIT, globalOptions } from "./context.js";
import { safeText } from "./format.js";
import type { CommandContext } from "./main.js";

const EXCERPT_CHARS = 80;

/** One line: where the chunk came from, the verdict, the score, the rules, an excerpt. */
export function quarantineLine(chunk: QuarantinedChunk): string {
  const rules = [...new Set(chunk.signals.map((s) => s.ruleId))].join(",");
  const excerpt = chunk.signals.find((s) => s.excerpt)?.excerpt ?? chunk.text.slice(0, EXCERPT_CHARS);
  const where = `${chunk.source}#${chunk.position}${chunk.locator ? ` (${chunk.locator})` : ""}`;
  return `${safeText(where)}: ${chunk.verdict} ${chunk.score.toFixed(3)} ${rules} — "${safeText(excerpt.slice(0, EXCERPT_CHARS))}"`;
}

interface QuarantineFlags {
  collection?: string;
  store?: string;
}

/** `crosscheck quarantine [--collection NAME]`: the chunks ingest quarantined. */
export function registerQuarantine(program: Command, { io, setExit }: CommandContext): void {
  program
    .command("quarantine")
    .description(
      "list the chunks `crosscheck ingest` quarantined (flagged by the injection guard, not searchable)",
    )
    .option("--collection <name>", "only this collection")
    .option(
      "--store <spec>",
      "the store ingest wrote to: embedded (the --db file), embedded:<file>, or weaviate",
    )
    .action(async (flags: QuarantineFlags, command: Command) => {
      const global = globalOptions(command);
      if (flags.collection !== undefined) checkCollectionName(flags.collection);
      // Ingest keeps the quarantine in the embedded store's file, else in the audit database.
      const file = flags.store?.startsWith("embedded:") ? flags.store.slice("embedded:".length) : global.db;
      const quarantine = new SqliteQuarantine(file);
      try {
        const chunks = quarantine.list(flags.collection);
        if (global.json) io.out(JSON.stringify(chunks, null, 2));
        else {
          let collection: string | undefined;
          for (const chunk of chunks) {
            if (chunk.collection !== collection) {
              collection = chunk.collection;
              io.out(`collection ${collection}:`);
            }
            io.out(`  ${quarantineLine(chunk)}`);
          }
          if (chunks.length === 0) io.out("no quarantined chunks");
        }
        setExit(EXIT.ok);
      } finally {
        quarantine.close();
      }
    });
}
