/**
 * Ground-truth retrieval over a generated corpus (10k and 100k chunks of ~40 words drawn from a
 * Zipf vocabulary): ingest chunks/s into the embedded store, lexical query p50/p95, and
 * recall@5 against exact brute-force BM25 (FTS5's formula, k1 = 1.2, b = 0.75) computed in the
 * same run. Vector search (hashing embeddings, sqlite-vec exact cosine) is measured on the
 * smaller corpus against brute-force cosine in JS.
 *
 * Env: BENCH_RETRIEVAL_SIZES (default "10000,100000"), BENCH_RETRIEVAL_QUERIES (default 200),
 * BENCH_RETRIEVAL_VECTOR_MAX (largest corpus also searched by vector, default 10000).
 */
import path from "node:path";
import { queryTerms } from "../src/rag/embedded-query.js";
import { EmbeddedStore } from "../src/rag/embedded-store.js";
import { HashingEmbeddings } from "../src/rag/hashing-embeddings.js";
import type { SourceInput } from "../src/rag/store.js";
import { type BenchResult, envCount, formatRate, isMain, median, withTempDir } from "./support.js";

const VOCABULARY = 20_000;
const WORDS_PER_CHUNK = 40;
const CHUNKS_PER_SOURCE = 100;
const K = 5;
const P50_TARGET_MS = 10;

/** A small deterministic PRNG (mulberry32). */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function word(rank: number): string {
  return `w${rank.toString(36)}`;
}

/** Zipf-ish: rank = floor(V^u), so frequent words are very frequent and most are rare. */
function corpus(chunks: number, random: () => number): string[] {
  const texts: string[] = [];
  for (let i = 0; i < chunks; i++) {
    const words: string[] = [];
    for (let j = 0; j < WORDS_PER_CHUNK; j++) words.push(word(Math.floor(VOCABULARY ** random())));
    texts.push(words.join(" "));
  }
  return texts;
}

function sources(texts: readonly string[]): SourceInput[] {
  const out: SourceInput[] = [];
  for (let i = 0; i < texts.length; i += CHUNKS_PER_SOURCE) {
    const slice = texts.slice(i, i + CHUNKS_PER_SOURCE);
    out.push({
      source: `doc${i / CHUNKS_PER_SOURCE}.txt`,
      sha256: String(i),
      chunks: slice.map((text, position) => ({ text, position, labels: [] })),
    });
  }
  return out;
}

/** Exact BM25 as FTS5 computes it, over every chunk; returns the top-k scores by id. */
class BruteBm25 {
  readonly #docs: Map<string, number>[] = [];
  readonly #lengths: number[] = [];
  readonly #df = new Map<string, number>();
  readonly #avgdl: number;
  readonly #ids: string[];

  constructor(texts: readonly string[], ids: readonly string[]) {
    this.#ids = [...ids];
    for (const text of texts) {
      const counts = new Map<string, number>();
      const tokens = text.split(" ");
      for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
      for (const t of counts.keys()) this.#df.set(t, (this.#df.get(t) ?? 0) + 1);
      this.#docs.push(counts);
      this.#lengths.push(tokens.length);
    }
    this.#avgdl = this.#lengths.reduce((a, b) => a + b, 0) / this.#lengths.length;
  }

  top(query: string, k: number): { id: string; score: number }[] {
    const n = this.#docs.length;
    const terms = queryTerms(query);
    const scored: { id: string; score: number }[] = [];
    this.#docs.forEach((counts, i) => {
      let score = 0;
      let matched = false;
      for (const term of terms) {
        const f = counts.get(term);
        if (f === undefined) continue;
        matched = true;
        const df = this.#df.get(term) ?? 0;
        const idf = Math.max(Math.log((n - df + 0.5) / (df + 0.5)), 1e-6);
        score += (idf * f * 2.2) / (f + 1.2 * (0.25 + (0.75 * (this.#lengths[i] ?? 0)) / this.#avgdl));
      }
      if (matched) scored.push({ id: this.#ids[i] ?? "", score });
    });
    return scored.sort((a, b) => b.score - a.score).slice(0, k);
  }
}

/** Recall@k with ties: a returned id counts if its exact score reaches the exact k-th score. */
function recall(
  returned: readonly string[],
  exact: readonly { id: string; score: number }[],
  all: Map<string, number>,
): number {
  if (exact.length === 0) return returned.length === 0 ? 1 : 0;
  const kth = exact[exact.length - 1]?.score ?? 0;
  const good = returned.filter((id) => (all.get(id) ?? Number.NEGATIVE_INFINITY) >= kth - 1e-9).length;
  return Math.min(good, exact.length) / exact.length;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

interface Measured {
  ingestRate: number;
  p50: number;
  p95: number;
  bruteP50: number;
  recall: number;
}

/**
 * Ingests `texts` into a fresh store, then for each query times the store's search and the
 * exact brute-force ranking (`exact` returns every scored chunk, best first).
 */
async function measure(
  file: string,
  texts: readonly string[],
  queries: readonly string[],
  mode: "lexical" | "vector",
  exact: (query: string) => { id: string; score: number }[],
  embeddings?: HashingEmbeddings,
): Promise<Measured> {
  const store = new EmbeddedStore({ path: file, ...(embeddings === undefined ? {} : { embeddings }) });
  const started = performance.now();
  await store.ingest("bench", sources(texts));
  const ingestRate = texts.length / ((performance.now() - started) / 1000);
  const latencies: number[] = [];
  const bruteLatencies: number[] = [];
  const recalls: number[] = [];
  for (const query of queries) {
    const t0 = performance.now();
    const { hits } = await store.search("bench", { query, k: K, mode });
    latencies.push(performance.now() - t0);
    const t1 = performance.now();
    const ranked = exact(query);
    bruteLatencies.push(performance.now() - t1);
    const ids = hits.map((h) => h.id);
    recalls.push(recall(ids, ranked.slice(0, K), new Map(ranked.map((e) => [e.id, e.score]))));
  }
  await store.close();
  return {
    ingestRate,
    p50: median(latencies),
    p95: percentile(latencies, 0.95),
    bruteP50: median(bruteLatencies),
    recall: recalls.reduce((a, b) => a + b, 0) / recalls.length,
  };
}

function line(label: string, m: Measured, baseline: string): string {
  return `retrieval ${label}: ingest ${formatRate(m.ingestRate)} chunks/s; p50 ${m.p50.toFixed(2)} ms, p95 ${m.p95.toFixed(2)} ms; ${baseline} p50 ${m.bruteP50.toFixed(2)} ms; recall@5 ${m.recall.toFixed(3)}`;
}

async function benchSize(size: number, queries: number, withVectors: boolean): Promise<BenchResult[]> {
  const random = prng(size);
  const texts = corpus(size, random);
  const ids = sources(texts).flatMap((s) => s.chunks.map((c) => `${s.source}#${c.position}`));
  // Queries of three mid-frequency words, so each matches hundreds to thousands of chunks.
  const queryTexts = Array.from({ length: queries }, () =>
    Array.from({ length: 3 }, () => word(Math.floor(VOCABULARY ** (0.4 + 0.4 * random())))).join(" "),
  );
  const label = `${size / 1000}k`;
  return withTempDir("retrieval", async (dir) => {
    const brute = new BruteBm25(texts, ids);
    const lexical = await measure(path.join(dir, "gt.db"), texts, queryTexts, "lexical", (q) =>
      brute.top(q, size),
    );
    console.log(line(`${label} lexical`, lexical, "brute-force BM25"));
    const results = [
      result(
        `retrieval lexical ${label}`,
        lexical,
        "brute-force BM25 in JS",
        lexical.p50 < P50_TARGET_MS && lexical.recall === 1,
        `p50 < ${P50_TARGET_MS} ms, recall@5 = 1`,
      ),
    ];
    if (withVectors) {
      const embeddings = new HashingEmbeddings();
      const vectors = texts.map((t) => embeddings.vector(t));
      const cosine = (query: string) => {
        const q = embeddings.vector(query);
        const scored = vectors.map((v, i) => ({
          id: ids[i] ?? "",
          score: v.reduce((sum, x, j) => sum + x * (q[j] ?? 0), 0),
        }));
        return scored.sort((a, b) => b.score - a.score);
      };
      const vector = await measure(
        path.join(dir, "gt-vec.db"),
        texts,
        queryTexts,
        "vector",
        cosine,
        embeddings,
      );
      console.log(line(`${label} vector (exact, hashing embeddings)`, vector, "brute-force cosine"));
      results.push(
        result(
          `retrieval vector ${label}`,
          vector,
          "brute-force cosine in JS",
          vector.recall >= 0.95,
          "recall@5 >= 0.95",
        ),
      );
    }
    return results;
  });
}

function result(name: string, m: Measured, baselineLabel: string, met: boolean, target: string): BenchResult {
  const ours = 1000 / m.p50;
  const baseline = 1000 / m.bruteP50;
  return { name, ours, baseline, unit: "queries/s", baselineLabel, ratio: ours / baseline, target, met };
}

export async function runRetrievalBench(): Promise<BenchResult[]> {
  const sizes = (process.env["BENCH_RETRIEVAL_SIZES"] ?? "10000,100000").split(",").map(Number);
  const queries = envCount("BENCH_RETRIEVAL_QUERIES", 200);
  const vectorMax = envCount("BENCH_RETRIEVAL_VECTOR_MAX", 10_000);
  const results: BenchResult[] = [];
  for (const size of sizes) results.push(...(await benchSize(size, queries, size <= vectorMax)));
  return results;
}

if (isMain(import.meta.url)) await runRetrievalBench();
