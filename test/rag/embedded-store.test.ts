import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/audit/database.js";
import { EmbeddedStore } from "../../src/rag/embedded-store.js";
import { HashingEmbeddings } from "../../src/rag/hashing-embeddings.js";
import { tempDb, tempDir } from "../helpers/temp.js";
import { source, storeContract } from "./store-contract.js";

storeContract("embedded (lexical)", async () => ({
  store: new EmbeddedStore({ path: tempDb() }),
  collection: "docs",
}));
storeContract("embedded (hybrid)", async () => ({
  store: new EmbeddedStore({ path: tempDb(), embeddings: new HashingEmbeddings({ dims: 64 }) }),
  collection: "docs",
}));

describe("the embedded store", () => {
  it("lives beside the audit log in the same file without touching its tables", async () => {
    const file = tempDb();
    const store = new EmbeddedStore({ path: file });
    await store.ingest("docs", [source("a.txt", ["alpha"])]);
    await store.close();
    const database = openDatabase(file);
    const tables = (
      database.sqlite.prepare("select name from sqlite_master where type = 'table' order by name").all() as {
        name: string;
      }[]
    ).map((t) => t.name);
    const events = database.sqlite.prepare("select count(*) as n from events").get() as { n: number };
    database.close();
    expect(tables).toContain("events");
    expect(tables.filter((t) => t.startsWith("rag_"))).toEqual(
      expect.arrayContaining(["rag_chunks", "rag_collections", "rag_fts_646f6373", "rag_sources"]),
    );
    expect(events.n).toBe(0);
  });

  it("rolls back a whole ingest when one chunk cannot be written", async () => {
    const store = new EmbeddedStore({ path: path.join(tempDir(), "gt.db") });
    await store.ingest("docs", [source("keep.txt", ["kept"])]);
    const bad = source("b.txt", ["one", "two"]);
    const broken = { ...bad, chunks: [bad.chunks[0], { ...bad.chunks[0] }] } as typeof bad;
    await expect(store.ingest("docs", [source("c.txt", ["three"]), broken])).rejects.toThrow(/UNIQUE/);
    expect(await store.collection("docs")).toMatchObject({ sources: 1, chunks: 1, version: 1 });
    await store.close();
  });

  it("ranks by meaning-free hashed vectors too: vector mode finds a shared word", async () => {
    const store = new EmbeddedStore({ path: tempDb(), embeddings: new HashingEmbeddings({ dims: 64 }) });
    await store.ingest("docs", [source("a.txt", ["zebra crossing", "lion den"])]);
    const { hits, mode } = await store.search("docs", { query: "zebra", k: 1, mode: "vector" });
    expect(mode).toBe("vector");
    expect(hits.map((h) => h.id)).toEqual(["a.txt#0"]);
    await store.close();
  });

  it("says vector search needs an embeddings model, rather than returning nothing", async () => {
    const store = new EmbeddedStore({ path: tempDb() });
    await store.ingest("docs", [source("a.txt", ["x"])]);
    await expect(store.search("docs", { query: "x", k: 1, mode: "vector" })).rejects.toThrow(
      /needs an embeddings model/,
    );
    await store.close();
  });

  it("reads an FTS5 operator in a query as a word, not as syntax", async () => {
    const store = new EmbeddedStore({ path: tempDb() });
    await store.ingest("docs", [source("a.txt", ["near and or not"])]);
    const { hits } = await store.search("docs", { query: 'NEAR(" OR *', k: 5 });
    expect(hits.map((h) => h.id)).toEqual(["a.txt#0"]);
    await store.close();
  });

  it("cannot be tricked into a labelled chunk by a query that spells the label's index token", async () => {
    const store = new EmbeddedStore({ path: tempDb() });
    await store.ingest("docs", [source("eu.txt", ["merger plans"], ["finance:eu"])]);
    const token = `l${Buffer.from("finance:eu").toString("hex")}`;
    const { hits } = await store.search("docs", { query: `merger ${token} NOT OR`, k: 5 });
    expect(hits).toEqual([]);
    const cleared = await store.search("docs", {
      query: "merger",
      k: 5,
      principal: { id: "p", labels: ["finance:eu"] },
    });
    expect(cleared.hits.map((h) => h.id)).toEqual(["eu.txt#0"]);
    await store.close();
  });
});
