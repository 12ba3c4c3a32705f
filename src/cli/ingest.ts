import type { Command } from "commander";
import { type IngestSummary, ingestPaths } from "../rag/ingest.js";
import { DEFAULT_MAX_FILE_BYTES } from "../rag/load-file.js";
import { openStore } from "../rag/open-store.js";
import { parseCount, parseLabels } from "../rag/store-checks.js";
import { EXIT, globalOptions } from "./context.js";
import { safeText } from "./format.js";
import type { CommandContext } from "./main.js";

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
}

/** `crosscheck ingest <dir|file...> --collection NAME`. */
export function registerIngest(program: Command, { io, setExit }: CommandContext): void {
  program
    .command("ingest")
    .description("Load documents into a ground-truth collection (exit 2 if any file was skipped)")
    .argument("<paths...>", "files or directories (Markdown, text, JSON, JSONL, CSV)")
    .requiredOption("--collection <name>", "collection to write")
    .option("--labels <a,b>", "access labels every chunk carries (readers must hold them all)")
    .option("--json-field <field>", "JSON/JSONL/CSV field holding the text (default: every field)")
    .option("--labels-field <field>", "JSON/JSONL/CSV field holding a row's own labels")
    .option("--store <spec>", "embedded (the --db file), embedded:<file>, or weaviate (WEAVIATE_URL)")
    .option("--max-bytes <n>", `skip files larger than this (default ${DEFAULT_MAX_FILE_BYTES})`)
    .option("--chunk-size <n>", "characters a chunk (default 1000)")
    .action(async (paths: string[], flags: IngestFlags, command: Command) => {
      const global = globalOptions(command);
      const labels = flags.labels === undefined ? [] : parseLabels(flags.labels, "--labels");
      const maxBytes =
        flags.maxBytes === undefined ? undefined : parseCount(flags.maxBytes, "--max-bytes", 1, 2 ** 31);
      const chunkSize =
        flags.chunkSize === undefined ? undefined : parseCount(flags.chunkSize, "--chunk-size", 100, 100_000);
      const store = await openStore({
        ...(flags.store === undefined ? {} : { spec: flags.store }),
        db: global.db,
      });
      try {
        let shown = 0;
        const summary = await ingestPaths(store, paths, {
          collection: flags.collection,
          labels,
          ...(flags.jsonField === undefined ? {} : { jsonField: flags.jsonField }),
          ...(flags.labelsField === undefined ? {} : { labelsField: flags.labelsField }),
          ...(maxBytes === undefined ? {} : { maxBytes }),
          ...(chunkSize === undefined ? {} : { chunkSize }),
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
        setExit(summary.skipped.length > 0 ? EXIT.usage : EXIT.ok);
      } finally {
        await store.close();
      }
    });
}

function summaryLines(summary: IngestSummary, location: string): string[] {
  const lines = [
    `collection ${summary.collection} v${summary.version} in ${location}: ${summary.added.length} added, ${summary.replaced.length} replaced, ${summary.unchanged.length} unchanged, ${summary.chunksWritten} chunks written`,
  ];
  if (summary.skipped.length > 0) {
    lines.push(`skipped ${summary.skipped.length} file(s):`);
    for (const { file, reason } of summary.skipped) lines.push(`  ${safeText(file)}: ${safeText(reason)}`);
  }
  return lines;
}
