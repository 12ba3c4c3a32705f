// The bundled corpus (corpus/*.md, fictional) as an in-memory ground-truth collection, and the
// retriever: passages supplied with the task when there are any, else a BM25 search of the corpus.
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  EmbeddedStore,
  type Evidence,
  type GroundTruthStore,
  groundTruth,
  type Retrieval,
  type Retriever,
  textEvidence,
} from "../../src/index.js";
import { sha256Hex } from "../../src/internal/sha256.js";
import { type Answer, answerText, type QuestionInput } from "./answer.js";

const CORPUS_DIR = fileURLToPath(new URL("./corpus/", import.meta.url));
export const CORPUS_COLLECTION = "rag-answer-corpus";

/** Every sentence line of the corpus, by file (headings skipped). */
export function corpusDocuments(): Array<{ source: string; lines: string[] }> {
  return readdirSync(CORPUS_DIR)
    .filter((file) => file.endsWith(".md"))
    .sort()
    .map((file) => ({
      source: `corpus/${file}`,
      lines: readFileSync(`${CORPUS_DIR}${file}`, "utf8")
        .split("\n")
        .map((line) => line.trim())
        .filter((line) => line !== "" && !line.startsWith("#")),
    }));
}

let store: Promise<GroundTruthStore> | undefined;
/** The corpus in an in-memory embedded store, one chunk a document, built on first retrieval. */
export function corpusStore(): Promise<GroundTruthStore> {
  store ??= (async () => {
    const embedded = new EmbeddedStore({ path: ":memory:" });
    await embedded.ingest(
      CORPUS_COLLECTION,
      corpusDocuments().map(({ source, lines }) => ({
        source,
        sha256: sha256Hex(lines.join("\n")),
        // One chunk a document: its first sentence names the subject the others refer back to.
        chunks: [{ text: lines.join(" "), position: 0, locator: "whole document", labels: [] }],
      })),
    );
    return embedded;
  })();
  return store;
}

const corpusRetriever = groundTruth<QuestionInput, Answer>({
  collection: CORPUS_COLLECTION,
  k: 2,
  query: (task, output) => `${task.input.question} ${answerText(output.content)}`,
  store: corpusStore,
});

/**
 * The task's own passages (`input.evidence`, ids `input.evidence#N`) when it has any, or
 * evidence supplied as `task.evidence`; otherwise the corpus, searched with question + answer.
 */
export const questionRetriever: Retriever<QuestionInput, Answer> = {
  name: "rag-answer-evidence",
  params: { corpus: CORPUS_COLLECTION, k: 2 },
  async retrieve(task, output): Promise<Retrieval> {
    const supplied: Evidence[] = textEvidence(task.input.evidence ?? []);
    if (supplied.length > 0 || (task.evidence?.length ?? 0) > 0) {
      return { evidence: supplied, params: { from: "task" } };
    }
    const found = await corpusRetriever.retrieve(task, output);
    return Array.isArray(found)
      ? { evidence: found, params: { from: "corpus" } }
      : { ...found, params: { ...found.params, from: "corpus" } };
  },
};
