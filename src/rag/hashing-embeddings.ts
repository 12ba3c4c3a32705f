import { Embeddings, type EmbeddingsParams } from "@langchain/core/embeddings";
import { sha256Hex } from "../internal/sha256.js";
import { queryTerms } from "./embedded-query.js";

/** Default dimensions of the hashing embedder. */
export const DEFAULT_HASHING_DIMS = 256;

/**
 * A deterministic, offline embeddings model: each word is hashed into one of `dims` buckets
 * (feature hashing, signed), and the vector is L2-normalised. No semantics beyond shared words,
 * but stable across runs and machines: for tests, benchmarks and air-gapped trials.
 */
export class HashingEmbeddings extends Embeddings {
  readonly dims: number;

  constructor(options: { dims?: number } & EmbeddingsParams = {}) {
    super(options);
    this.dims = options.dims ?? DEFAULT_HASHING_DIMS;
  }

  override async embedDocuments(documents: string[]): Promise<number[][]> {
    return documents.map((text) => this.vector(text));
  }

  override async embedQuery(document: string): Promise<number[]> {
    return this.vector(document);
  }

  /** The vector of `text`, synchronously. */
  vector(text: string): number[] {
    const out = new Array<number>(this.dims).fill(0);
    for (const term of queryTerms(text)) {
      const digest = sha256Hex(term);
      const bucket = Number.parseInt(digest.slice(0, 8), 16) % this.dims;
      const sign = Number.parseInt(digest.slice(8, 9), 16) % 2 === 0 ? 1 : -1;
      out[bucket] = (out[bucket] ?? 0) + sign;
    }
    const norm = Math.hypot(...out);
    return norm === 0 ? out : out.map((v) => v / norm);
  }
}
