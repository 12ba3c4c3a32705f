import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import weaviate, {
  ApiKey,
  type Collection,
  Filters,
  type FilterValue,
  generateUuid5,
  type WeaviateClient,
} from "weaviate-client";
import { CrosscheckError } from "../errors.js";
import { sha256Hex } from "../internal/sha256.js";
import { queryTerms } from "./embedded-query.js";
import { clearQuarantineFile } from "./quarantine.js";
import type {
  ChunkHit,
  CollectionInfo,
  GroundTruthStore,
  IngestOutcome,
  SearchRequest,
  SearchResult,
  SourceInput,
} from "./store.js";
import {
  checkCollectionName,
  checkSearchRequest,
  collectionNotFound,
  duplicateSources,
  resolveMode,
} from "./store-checks.js";

/** The collection holding each ground-truth collection's version and label universe. */
export const META_COLLECTION = "CrosscheckCollections";
/** Objects inserted a request. */
const INSERT_BATCH = 500;

type ChunkProps = {
  chunkId: string;
  /** The ingest that wrote the chunk: the old generation is deleted after the new one is in. */
  generation: string;
  source: string;
  sourceSha: string;
  position: number;
  locator: string;
  text: string;
  contentHash: string;
  labels: string[];
};
type MetaProps = { name: string; version: number; labels: string[] };

/** The Weaviate class of a collection: names must be GraphQL class names. */
export function weaviateClassName(collection: string): string {
  return `Crosscheck_${collection.replace(/-/g, "__")}`;
}

/**
 * The ground-truth store on Weaviate (a collection per ground-truth set), for corpora that
 * outgrow one machine. Access labels are a `containsNone` filter on the chunk's labels inside
 * the query (the labels the reader lacks, out of every label the collection has seen).
 * Weaviate has no transactions: an ingest inserts the new chunks first, then deletes the old
 * ones, and deletes what it inserted if anything fails.
 */
export class WeaviateStore implements GroundTruthStore {
  readonly kind = "weaviate";
  readonly location: string;
  readonly hasEmbeddings: boolean;
  readonly #client: WeaviateClient;
  readonly #embeddings: EmbeddingsInterface | undefined;
  readonly #quarantineDb: string | undefined;

  /**
   * `quarantineDb`: the SQLite file holding ingest's quarantine (the audit database); a source
   * rewritten or deleted here loses its entries there. Without it the quarantine is not touched.
   */
  constructor(
    client: WeaviateClient,
    location: string,
    embeddings?: EmbeddingsInterface,
    quarantineDb?: string,
  ) {
    this.#client = client;
    this.location = location;
    this.#embeddings = embeddings;
    this.#quarantineDb = quarantineDb;
    this.hasEmbeddings = embeddings !== undefined;
  }

  async ingest(collection: string, sources: readonly SourceInput[]): Promise<IngestOutcome> {
    checkCollectionName(collection);
    duplicateSources(sources);
    const chunks = await this.#chunks(collection, true);
    const meta = await this.#meta(collection);
    const outcome = {
      added: [] as string[],
      replaced: [] as string[],
      unchanged: [] as string[],
      chunksWritten: 0,
    };
    const changed: SourceInput[] = [];
    for (const source of sources) {
      const before = await chunks.query.fetchObjects({
        filters: chunks.filter.byProperty("source").equal(source.source),
        limit: 1,
        returnProperties: ["sourceSha"],
      });
      const sha = before.objects[0]?.properties.sourceSha;
      if (sha === source.sha256) outcome.unchanged.push(source.source);
      else {
        (sha === undefined ? outcome.added : outcome.replaced).push(source.source);
        changed.push(source);
      }
    }
    if (changed.length === 0) return { collection, version: meta?.version ?? 0, ...outcome };
    const labels = new Set([
      ...(meta?.labels ?? []),
      ...changed.flatMap((s) => s.chunks.flatMap((c) => c.labels)),
    ]);
    // The label universe grows before any chunk with a new label is visible.
    await this.#writeMeta(collection, meta?.version ?? 0, [...labels]);
    const generation = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const inserted: string[] = [];
    try {
      for (const source of changed) {
        const vectors =
          this.#embeddings === undefined
            ? undefined
            : await this.#embeddings.embedDocuments(source.chunks.map((c) => c.text));
        const objects = source.chunks.map((chunk, i) => {
          const id = generateUuid5(`${collection}/${source.source}#${chunk.position}/${generation}`);
          inserted.push(id);
          const vector = vectors?.[i];
          return {
            id,
            properties: {
              chunkId: `${source.source}#${chunk.position}`,
              generation,
              source: source.source,
              sourceSha: source.sha256,
              position: chunk.position,
              locator: chunk.locator ?? "",
              text: chunk.text,
              contentHash: sha256Hex(chunk.text),
              labels: [...new Set(chunk.labels)].sort(),
            },
            ...(vector === undefined ? {} : { vectors: vector }),
          };
        });
        for (let i = 0; i < objects.length; i += INSERT_BATCH) {
          const result = await chunks.data.insertMany(objects.slice(i, i + INSERT_BATCH));
          if (result.hasErrors)
            throw new Error(
              `Weaviate rejected ${Object.keys(result.errors).length} chunk(s) of ${source.source}`,
            );
        }
        outcome.chunksWritten += objects.length;
      }
      for (const source of changed) {
        await chunks.data.deleteMany(
          Filters.and(
            chunks.filter.byProperty("source").equal(source.source),
            chunks.filter.byProperty("generation").notEqual(generation),
          ),
        );
      }
    } catch (error) {
      if (inserted.length > 0)
        await chunks.data.deleteMany(chunks.filter.byId().containsAny(inserted)).catch(() => undefined);
      throw unavailable(this.location, error);
    }
    const version = (meta?.version ?? 0) + 1;
    await this.#writeMeta(collection, version, [...labels]);
    this.#clearQuarantine(
      collection,
      changed.map((s) => s.source),
    );
    return { collection, version, ...outcome };
  }

  async deleteSource(collection: string, source: string): Promise<boolean> {
    checkCollectionName(collection);
    const meta = await this.#meta(collection);
    this.#clearQuarantine(collection, [source]);
    if (meta === undefined) return false;
    const chunks = await this.#chunks(collection, false);
    const result = await chunks.data.deleteMany(chunks.filter.byProperty("source").equal(source));
    if (result.successful === 0) return false;
    await this.#writeMeta(collection, meta.version + 1, meta.labels);
    return true;
  }

  async search(collection: string, request: SearchRequest): Promise<SearchResult> {
    checkSearchRequest(request);
    const mode = resolveMode(request.mode, this.hasEmbeddings, this.location);
    const meta = await this.#meta(collection);
    if (meta === undefined) throw collectionNotFound(collection, await this.#names(), this.location);
    const chunks = await this.#chunks(collection, false);
    const held = new Set(request.principal?.labels ?? []);
    const lacking = meta.labels.filter((l) => !held.has(l));
    const conditions: FilterValue[] = [];
    if (lacking.length > 0) conditions.push(chunks.filter.byProperty("labels").containsNone(lacking));
    if (request.filter?.sources !== undefined)
      conditions.push(chunks.filter.byProperty("source").containsAny([...request.filter.sources]));
    if (request.filter?.labels !== undefined && request.filter.labels.length > 0) {
      conditions.push(chunks.filter.byProperty("labels").containsAll([...request.filter.labels]));
    }
    const options = {
      limit: request.k,
      returnMetadata: ["score"] as ("score" | "distance")[],
      ...(conditions.length === 0
        ? {}
        : { filters: conditions.length === 1 ? conditions[0] : Filters.and(...conditions) }),
    };
    let objects: { properties: ChunkProps; metadata?: { score?: number; distance?: number } | undefined }[];
    try {
      if (mode === "lexical") {
        // Same query semantics as the embedded store: any of the words, syntax never interpreted.
        const text = queryTerms(request.query).join(" ");
        objects = text.length === 0 ? [] : (await chunks.query.bm25(text, options)).objects;
      } else {
        const vector = await (this.#embeddings as EmbeddingsInterface).embedQuery(request.query);
        objects =
          mode === "vector"
            ? (await chunks.query.nearVector(vector, { ...options, returnMetadata: ["distance"] })).objects
            : (await chunks.query.hybrid(request.query, { ...options, vector })).objects;
      }
    } catch (error) {
      throw unavailable(this.location, error);
    }
    const hits = objects.map((o) =>
      toHit(o.properties, o.metadata?.score ?? 1 - (o.metadata?.distance ?? 1)),
    );
    return { hits, version: meta.version, mode };
  }

  async collection(name: string): Promise<CollectionInfo | undefined> {
    const meta = await this.#meta(name);
    if (meta === undefined) return undefined;
    const chunks = await this.#chunks(name, false);
    const total = await chunks.aggregate.overAll();
    const sources = await chunks.aggregate.groupBy.overAll({ groupBy: { property: "source" } });
    return { name, version: meta.version, sources: sources.length, chunks: total.totalCount };
  }

  async listCollections(): Promise<CollectionInfo[]> {
    const infos: CollectionInfo[] = [];
    for (const name of await this.#names()) {
      const info = await this.collection(name);
      if (info !== undefined) infos.push(info);
    }
    return infos;
  }

  async close(): Promise<void> {
    await this.#client.close();
  }

  /** Clears the quarantine entries of sources just rewritten or deleted (they are stale now). */
  #clearQuarantine(collection: string, sources: readonly string[]): void {
    if (this.#quarantineDb !== undefined) clearQuarantineFile(this.#quarantineDb, collection, sources);
  }

  async #metaCollection(): Promise<Collection<MetaProps>> {
    if (!(await this.#client.collections.exists(META_COLLECTION))) {
      await this.#client.collections.create<MetaProps>({
        name: META_COLLECTION,
        properties: [
          { name: "name", dataType: "text", tokenization: "field" },
          { name: "version", dataType: "int" },
          { name: "labels", dataType: "text[]", tokenization: "field" },
        ],
      });
    }
    return this.#client.collections.use<string, MetaProps>(META_COLLECTION);
  }

  async #meta(collection: string): Promise<MetaProps | undefined> {
    const meta = await this.#metaCollection();
    const found = await meta.query.fetchObjectById(generateUuid5(collection));
    return found === null ? undefined : { ...found.properties, labels: found.properties.labels ?? [] };
  }

  async #writeMeta(collection: string, version: number, labels: string[]): Promise<void> {
    const meta = await this.#metaCollection();
    const id = generateUuid5(collection);
    const properties = { name: collection, version, labels };
    if (await meta.data.exists(id)) await meta.data.replace({ id, properties });
    else await meta.data.insert({ id, properties });
  }

  async #names(): Promise<string[]> {
    const meta = await this.#metaCollection();
    const all = await meta.query.fetchObjects({ limit: 10_000 });
    return all.objects.map((o) => o.properties.name).sort();
  }

  async #chunks(collection: string, create: boolean): Promise<Collection<ChunkProps>> {
    const name = weaviateClassName(collection);
    if (create && !(await this.#client.collections.exists(name))) {
      await this.#client.collections.create<ChunkProps>({
        name,
        vectorizers: weaviate.configure.vectorizer.none(),
        properties: [
          { name: "chunkId", dataType: "text", tokenization: "field" },
          { name: "generation", dataType: "text", tokenization: "field" },
          { name: "source", dataType: "text", tokenization: "field" },
          { name: "sourceSha", dataType: "text", tokenization: "field" },
          { name: "position", dataType: "int" },
          { name: "locator", dataType: "text", skipVectorization: true },
          { name: "text", dataType: "text" },
          { name: "contentHash", dataType: "text", tokenization: "field" },
          { name: "labels", dataType: "text[]", tokenization: "field" },
        ],
      });
    }
    return this.#client.collections.use<string, ChunkProps>(name);
  }
}

function toHit(p: ChunkProps, score: number): ChunkHit {
  return {
    id: p.chunkId,
    source: p.source,
    position: p.position,
    locator: p.locator === "" ? null : p.locator,
    text: p.text,
    contentHash: p.contentHash,
    labels: p.labels ?? [],
    score,
  };
}

function unavailable(location: string, error: unknown): CrosscheckError {
  if (error instanceof CrosscheckError) return error;
  return new CrosscheckError(
    "STORE_UNAVAILABLE",
    `Weaviate at ${location} failed (${error instanceof Error ? error.message : String(error)}): check that it runs and that WEAVIATE_URL / WEAVIATE_API_KEY are right`,
    { cause: error },
  );
}

/** Connects to the Weaviate at WEAVIATE_URL (REST; gRPC on WEAVIATE_GRPC_PORT, default 50051). */
export async function connectWeaviateStore(options: {
  env: NodeJS.ProcessEnv;
  embeddings?: EmbeddingsInterface;
  /** The SQLite file holding ingest's quarantine (the audit database). */
  quarantineDb?: string;
}): Promise<GroundTruthStore> {
  const raw = options.env["WEAVIATE_URL"];
  if (raw === undefined || raw === "") {
    throw new CrosscheckError(
      "USAGE",
      "the weaviate store needs WEAVIATE_URL (e.g. http://localhost:8080): set it, or use --store embedded",
    );
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch (error) {
    throw new CrosscheckError("USAGE", `WEAVIATE_URL "${raw}" is not a URL: use e.g. http://localhost:8080`, {
      cause: error,
    });
  }
  const secure = url.protocol === "https:";
  const key = options.env["WEAVIATE_API_KEY"];
  try {
    const client = await weaviate.connectToCustom({
      httpHost: url.hostname,
      httpPort: Number(url.port || (secure ? 443 : 80)),
      httpSecure: secure,
      grpcHost: options.env["WEAVIATE_GRPC_HOST"] ?? url.hostname,
      grpcPort: Number(options.env["WEAVIATE_GRPC_PORT"] ?? (secure ? 443 : 50051)),
      grpcSecure: secure,
      ...(key === undefined || key === "" ? {} : { authCredentials: new ApiKey(key) }),
    });
    return new WeaviateStore(client, url.origin, options.embeddings, options.quarantineDb);
  } catch (error) {
    throw unavailable(url.origin, error);
  }
}
