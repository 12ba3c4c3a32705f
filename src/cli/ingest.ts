import type { Command } from "commander";
import { CrosscheckError } from "../errors.js";
import { DEFAULT_THRESHOLD } from "../guard/scan.js";
import { type IngestSummary, ingestPaths } from "../rag/ingest.js";
import { DEFAULT_MAX_FILE_BYTES } from "../rag/load-file.js";
import { openStore } from "../rag/open-store.js";
import { SqliteQuarantine } from "../rag/quarantine.js";
import { parseCount, parseLabels } from "../rag/store-checks.js";
import { EXIT, globalOptions } from "./context.js";
import { safeText } from "./format.js";
import type { CommandContext } from "./main.js";
import { quarantineLine } from "./quarantine.js";

/** Files in an ingest from which progress is shown. */
const PROGRESS_FROM_FILES = 20;

interface IngestFlags {
  collection: string;
  labels?: string;
  jsonField?: string;
  labelsField?: string;
  store?: string;
  maxBytes?: string;
  chunkSize?: string;
  guard: boolean;
  guardThreshold?: string;
}

/** `crosscheck ingest <dir|file...> --collection NAME`. */
export function registerIngest(program: Command, { io, setExit }: CommandContext): void {
  program
    .command("ingest")
    .description(
      "Load documents into a ground-truth collection; chunks the injection guard flags are quarantined, not stored (exit 1 if any was quarantined, 2 if any file was skipped)",
    )
    .argument("<paths...>", "files or directories (Markdown, text, JSON, JSONL, CSV)")
    .requiredOption("--collection <name>", "collection to write")
    .option("--labels <a,b>", "access labels every chunk carries (readers must hold them all)")
    .option("--json-field <field>", "JSON/JSONL/CSV field holding the text (default: every field)")
    .option("--labels-field <field>", "JSON/JSONL/CSV field holding a row's own labels")
    .option("--store <spec>", "embedded (the --db file), embedded:<file>, or weaviate (WEAVIATE_URL)")
    .option("--max-bytes <n>", `skip files larger than this (default ${DEFAULT_MAX_FILE_BYTES})`)
    .option("--chunk-size <n>", "characters a chunk (default 1000)")
    .option("--no-guard", "store every chunk without the injection guard (trusted corpora only)")
    .option(
      "--guard-threshold <x>",
      "guard score from which a chunk is an injection (default 0.5; quarantined from half)",
    )
    .action(async (paths: string[], flags: IngestFlags, command: Command) => {
      const global = globalOptions(command);
      const labels = flags.labels === undefined ? [] : parseLabels(flags.labels, "--labels");
      const maxBytes =
        flags.maxBytes === undefined ? undefined : parseCount(flags.maxBytes, "--max-bytes", 1, 2 ** 31);
      const chunkSize =
        flags.chunkSize === undefined ? undefined : parseCount(flags.chunkSize, "--chunk-size", 100, 100_000);
      const guardThreshold = parseGuardThreshold(flags.guardThreshold, flags.guard);
      const store = await openStore({
        ...(flags.store === undefined ? {} : { spec: flags.store }),
        db: global.db,
      });
      // The quarantine lives beside the embedded store's chunks, or in the audit database.
      let quarantine: SqliteQuarantine | undefined;
      try {
        quarantine = flags.guard
          ? new SqliteQuarantine(store.kind === "embedded" ? store.location : global.db)
          : undefined;
        let shown = 0;
        const summary = await ingestPaths(store, paths, {
          collection: flags.collection,
          labels,
          ...(flags.jsonField === undefined ? {} : { jsonField: flags.jsonField }),
          ...(flags.labelsField === undefined ? {} : { labelsField: flags.labelsField }),
          ...(maxBytes === undefined ? {} : { maxBytes }),
          ...(chunkSize === undefined ? {} : { chunkSize }),
          guard: flags.guard ? { threshold: guardThreshold } : false,
          ...(quarantine === undefined ? {} : { quarantine }),
          onProgress: ({ done, total }) => {
            if (total < PROGRESS_FROM_FILES) return;
            const tenth = Math.floor((done * 10) / total);
            if (tenth > shown || done === total) {
              shown = tenth;
              io.err(`ingest: ${done}/${total} files read`);
            }
          },
        });
        if (global.json) io.out(JSON.stringify(summary, null, 2));
        else for (const line of summaryLines(summary, store.location)) io.out(line);
        setExit(
          summary.skipped.length > 0 ? EXIT.usage : summary.quarantined.length > 0 ? EXIT.rejected : EXIT.ok,
        );
      } finally {
        quarantine?.close();
        await store.close();
      }
    });
}

function parseGuardThreshold(value: string | undefined, guard: boolean): number {
  if (value === undefined) return DEFAULT_THRESHOLD;
  const n = Number(value);
  if (!guard)
    throw new CrosscheckError("USAGE", "--guard-threshold cannot be combined with --no-guard: drop one");
  if (value.trim() === "" || !Number.isFinite(n) || n <= 0 || n > 1) {
    throw new CrosscheckError("USAGE", `--guard-threshold must be a number in (0, 1], got "${value}"`);
  }
  return n;
}

function summaryLines(summary: IngestSummary, location: string): string[] {
  const lines = [
    `collection ${summary.collection} v${summary.version} in ${location}: ${summary.added.length} added, ${summary.replaced.length} replaced, ${summary.unchanged.length} unchanged, ${summary.chunksWritten} chunks written`,
  ];
  if (summary.skipped.length > 0) {
    lines.push(`skipped ${summary.skipped.length} file(s):`);
    for (const { file, reason } of summary.skipped) lines.push(`  ${safeText(file)}: ${safeText(reason)}`);
  }
  if (summary.guard === false) lines.push("injection guard off (--no-guard): every chunk was stored");
  else if (summary.quarantined.length > 0) {
    lines.push(
      `quarantined ${summary.quarantined.length} chunk(s) the injection guard flagged (not searchable; crosscheck quarantine --collection ${summary.collection} lists them):`,
    );
    for (const chunk of summary.quarantined) lines.push(`  ${quarantineLine(chunk)}`);
  }
  return lines;
}
