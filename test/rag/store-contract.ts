import { createHash } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { isCrosscheckError } from "../../src/errors.js";
import type { GroundTruthStore, SourceInput } from "../../src/rag/store.js";

/** A source with one chunk a text; the sha covers texts and labels, as ingest's does. */
export function source(name: string, texts: readonly string[], labels: readonly string[] = []): SourceInput {
  return {
    source: name,
    sha256: sha(JSON.stringify({ texts, labels })),
    chunks: texts.map((text, position) => ({ text, position, labels })),
  };
}

export function sha(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

export interface ContractSetup {
  store: GroundTruthStore;
  /** A collection name no other test uses. */
  collection: string;
}

/**
 * The contract every ground-truth store passes (Hono's runTest({ newRouter }) pattern): the
 * embedded store in CI, Weaviate when WEAVIATE_URL is set.
 */
export function storeContract(name: string, makeStore: () => Promise<ContractSetup>): void {
  describe(`${name}: the ground-truth store contract`, () => {
    const open: GroundTruthStore[] = [];
    afterEach(async () => {
      for (const store of open.splice(0)) await store.close();
    });
    async function setup(): Promise<ContractSetup> {
      const made = await makeStore();
      open.push(made.store);
      return made;
    }

    it("finds an ingested chunk, with its source, position and the sha256 of its text", async () => {
      const { store, collection } = await setup();
      const outcome = await store.ingest(collection, [
        source("policy.md", [
          "Travel expenses above 500 EUR need a manager's approval.",
          "Meals are capped at 40 EUR a day.",
        ]),
      ]);
      expect(outcome).toMatchObject({ added: ["policy.md"], replaced: [], unchanged: [], chunksWritten: 2 });
      const { hits, version } = await store.search(collection, { query: "meals capped", k: 5 });
      expect(version).toBe(outcome.version);
      expect(hits[0]).toMatchObject({
        id: "policy.md#1",
        source: "policy.md",
        position: 1,
        text: "Meals are capped at 40 EUR a day.",
        contentHash: sha("Meals are capped at 40 EUR a day."),
      });
    });

    it("does nothing when an unchanged source is ingested again", async () => {
      const { store, collection } = await setup();
      const first = await store.ingest(collection, [source("a.txt", ["alpha bravo"])]);
      const again = await store.ingest(collection, [source("a.txt", ["alpha bravo"])]);
      expect(again).toMatchObject({ added: [], replaced: [], unchanged: ["a.txt"], chunksWritten: 0 });
      expect(again.version).toBe(first.version);
      expect(await store.collection(collection)).toMatchObject({
        sources: 1,
        chunks: 1,
        version: first.version,
      });
    });

    it("replaces every chunk of a changed source, leaving no orphans, and bumps the version", async () => {
      const { store, collection } = await setup();
      const first = await store.ingest(collection, [
        source("a.txt", ["old charlie", "old delta", "old echo"]),
      ]);
      const second = await store.ingest(collection, [source("a.txt", ["new foxtrot"])]);
      expect(second).toMatchObject({ replaced: ["a.txt"], chunksWritten: 1 });
      expect(second.version).toBeGreaterThan(first.version);
      // Lexical: vector search ranks every chunk, so absence is a lexical question.
      const old = await store.search(collection, { query: "old charlie delta echo", k: 10, mode: "lexical" });
      expect(old.hits).toEqual([]);
      expect((await store.search(collection, { query: "foxtrot", k: 10 })).hits.map((h) => h.id)).toEqual([
        "a.txt#0",
      ]);
      expect(await store.collection(collection)).toMatchObject({ sources: 1, chunks: 1 });
    });

    it("deletes a source and its chunks", async () => {
      const { store, collection } = await setup();
      await store.ingest(collection, [source("a.txt", ["golf hotel"]), source("b.txt", ["golf india"])]);
      expect(await store.deleteSource(collection, "a.txt")).toBe(true);
      expect(await store.deleteSource(collection, "a.txt")).toBe(false);
      const { hits } = await store.search(collection, { query: "golf", k: 10 });
      expect(hits.map((h) => h.source)).toEqual(["b.txt"]);
    });

    it("filters by source and by required labels", async () => {
      const { store, collection } = await setup();
      await store.ingest(collection, [
        source("a.txt", ["juliet kilo"]),
        source("b.txt", ["juliet lima"], ["finance"]),
      ]);
      const reader = { id: "ann", labels: ["finance"] };
      const bySource = await store.search(collection, {
        query: "juliet",
        k: 10,
        principal: reader,
        filter: { sources: ["a.txt"] },
      });
      expect(bySource.hits.map((h) => h.source)).toEqual(["a.txt"]);
      const byLabel = await store.search(collection, {
        query: "juliet",
        k: 10,
        principal: reader,
        filter: { labels: ["finance"] },
      });
      expect(byLabel.hits.map((h) => h.source)).toEqual(["b.txt"]);
    });

    it("returns at most k chunks, best first", async () => {
      const { store, collection } = await setup();
      const texts = Array.from({ length: 12 }, (_, i) => `mike ${"november ".repeat(i + 1)}`);
      await store.ingest(collection, [source("m.txt", texts)]);
      const { hits } = await store.search(collection, { query: "mike", k: 3 });
      expect(hits).toHaveLength(3);
      const scores = hits.map((h) => h.score);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    });

    it("searches an empty collection without error", async () => {
      const { store, collection } = await setup();
      await store.ingest(collection, [source("x.txt", ["oscar"])]);
      await store.deleteSource(collection, "x.txt");
      expect((await store.search(collection, { query: "oscar", k: 5 })).hits).toEqual([]);
    });

    it("rejects an unknown collection with COLLECTION_NOT_FOUND naming it", async () => {
      const { store, collection } = await setup();
      const error = await store.search(`${collection}Missing`, { query: "x", k: 5 }).catch((e: unknown) => e);
      expect(isCrosscheckError(error) && error.code).toBe("COLLECTION_NOT_FOUND");
      expect((error as Error).message).toContain(`${collection}Missing`);
    });

    it("keeps unicode text intact and finds it by a non-ASCII word", async () => {
      const { store, collection } = await setup();
      const text = "Grüße aus Zürich: Straße 5, 東京 🙂";
      await store.ingest(collection, [source("u.txt", [text])]);
      const { hits } = await store.search(collection, { query: "Zürich", k: 5 });
      expect(hits.map((h) => [h.text, h.contentHash])).toEqual([[text, sha(text)]]);
    });

    it("stores and finds a very long document", async () => {
      const { store, collection } = await setup();
      const texts = Array.from(
        { length: 300 },
        (_, i) => `${"filler words papa quebec ".repeat(40)} part${i}`,
      );
      texts[299] = `${texts[299]} romeo-needle`;
      await store.ingest(collection, [source("long.txt", texts)]);
      const { hits } = await store.search(collection, { query: "needle", k: 1 });
      expect(hits.map((h) => h.id)).toEqual(["long.txt#299"]);
      expect(await store.collection(collection)).toMatchObject({ chunks: 300 });
    });

    it("never returns a chunk to a principal who lacks one of its labels", async () => {
      const { store, collection } = await setup();
      await store.ingest(collection, [
        source("public.txt", ["sierra tango public"]),
        source("fin.txt", ["sierra tango finance"], ["finance"]),
        source("secret.txt", ["sierra tango restricted"], ["finance", "restricted"]),
      ]);
      const seen = async (labels?: string[]) =>
        (
          await store.search(collection, {
            query: "sierra tango",
            k: 10,
            ...(labels === undefined ? {} : { principal: { id: "p", labels } }),
          })
        ).hits
          .map((h) => h.source)
          .sort();
      expect(await seen()).toEqual(["public.txt"]);
      expect(await seen(["restricted"])).toEqual(["public.txt"]);
      expect(await seen(["finance"])).toEqual(["fin.txt", "public.txt"]);
      expect(await seen(["finance", "restricted"])).toEqual(["fin.txt", "public.txt", "secret.txt"]);
    });

    it("serves searches while ingests run concurrently, and ends with every source", async () => {
      const { store, collection } = await setup();
      await store.ingest(collection, [source("seed.txt", ["uniform victor"])]);
      const work: Promise<unknown>[] = [];
      for (let i = 0; i < 8; i++) {
        work.push(store.ingest(collection, [source(`c${i}.txt`, [`uniform whiskey ${i}`])]));
        work.push(store.search(collection, { query: "uniform", k: 20 }));
      }
      await Promise.all(work);
      expect(await store.collection(collection)).toMatchObject({ sources: 9, chunks: 9 });
      const found = await store.search(collection, { query: "whiskey", k: 20, mode: "lexical" });
      expect(found.hits).toHaveLength(8);
    });
  });
}
