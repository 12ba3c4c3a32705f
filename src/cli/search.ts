import { type Command, Option } from "commander";
import { DEFAULT_K } from "../rag/ground-truth.js";
import { openStore } from "../rag/open-store.js";
import { SEARCH_MODES, type SearchMode, type SearchRequest } from "../rag/store.js";
import { MAX_K, parseCount, parseLabels } from "../rag/store-checks.js";
import { EXIT, globalOptions } from "./context.js";
import { safeText } from "./format.js";
import type { CommandContext } from "./main.js";

/** Characters of each hit's text shown in the terminal. */
const SNIPPET_CHARS = 240;

interface SearchFlags {
  collection: string;
  k: string;
  principal?: string;
  labels?: string;
  mode: SearchMode;
  store?: string;
}

/** `crosscheck search "query" --collection NAME`: what a workflow's retrieval would return. */
export function registerSearch(program: Command, { io, setExit }: CommandContext): void {
  program
    .command("search")
    .description("Search a ground-truth collection as a workflow's retrieval would")
    .argument("<query>", "search text")
    .requiredOption("--collection <name>", "collection to search")
    .option("--k <n>", "passages to return", String(DEFAULT_K))
    .option("--principal <id>", "who reads (recorded nowhere; names the reader)", "cli")
    .option("--labels <a,b>", "labels the reader holds (default: none, so only unlabelled chunks)")
    .addOption(new Option("--mode <mode>", "ranking").choices(SEARCH_MODES).default("auto"))
    .option("--store <spec>", "embedded (the --db file), embedded:<file>, or weaviate (WEAVIATE_URL)")
    .action(async (query: string, flags: SearchFlags, command: Command) => {
      const global = globalOptions(command);
      const k = parseCount(flags.k, "--k", 1, MAX_K);
      const labels = flags.labels === undefined ? [] : parseLabels(flags.labels, "--labels");
      const store = await openStore({
        ...(flags.store === undefined ? {} : { spec: flags.store }),
        db: global.db,
      });
      try {
        const request: SearchRequest = {
          query,
          k,
          mode: flags.mode,
          principal: { id: flags.principal ?? "cli", labels },
        };
        const result = await store.search(flags.collection, request);
        if (!store.hasEmbeddings && !global.json)
          io.err("search: lexical (BM25) only: no embeddings model is configured");
        if (global.json) {
          io.out(
            JSON.stringify(
              { collection: flags.collection, version: result.version, mode: result.mode, hits: result.hits },
              null,
              2,
            ),
          );
        } else {
          io.out(`${result.hits.length} hit(s) in ${flags.collection} v${result.version} (${result.mode})`);
          result.hits.forEach((hit, i) => {
            const where = hit.locator === null ? "" : ` (${hit.locator})`;
            io.out(`${i + 1}. ${safeText(hit.id)}${safeText(where)} score ${hit.score.toFixed(4)}`);
            const text = hit.text.replace(/\s+/g, " ").trim();
            io.out(`   ${safeText(text.length > SNIPPET_CHARS ? `${text.slice(0, SNIPPET_CHARS)}…` : text)}`);
          });
        }
        setExit(EXIT.ok);
      } finally {
        await store.close();
      }
    });
}
