import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EmbeddedStore } from "../../src/rag/embedded-store.js";
import { ingestPaths } from "../../src/rag/ingest.js";
import { tempDir } from "../helpers/temp.js";

function setupCorpus() {
  const dir = tempDir();
  const write = (name: string, content: string | Buffer) => {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    return file;
  };
  const store = new EmbeddedStore({ path: path.join(tempDir(), "gt.db") });
  const ingest = (paths: string[], extra: Record<string, unknown> = {}) =>
    ingestPaths(store, paths, { collection: "kb", root: dir, ...extra });
  return { dir, write, store, ingest };
}

describe("ingesting files", () => {
  it("loads Markdown, text, JSONL (a chosen field) and CSV rows, each chunk with source and position", async () => {
    const { dir, write, store, ingest } = setupCorpus();
    write("guide.md", "# Refunds\n\nRefunds are paid within 14 days.");
    write("notes/plain.txt", "Invoices carry a VAT number.");
    write(
      "faq.jsonl",
      '{"q":"a","answer":"Shipping is free above 50 EUR."}\n{"q":"b","answer":"Returns take 30 days."}\n',
    );
    write("vendors.csv", "name,city\nAcme,Berlin\nGlobex,Paris\n");
    const summary = await ingest([dir], { jsonField: "answer" });
    // vendors.csv has no "answer" column, so with --json-field it is skipped with a reason.
    expect(summary.skipped).toEqual([
      { file: "vendors.csv", reason: 'row 1: field "answer" is missing or not a string (--json-field)' },
    ]);
    expect(summary.added.sort()).toEqual(["faq.jsonl", "guide.md", "notes/plain.txt"]);
    const hits = (await store.search("kb", { query: "returns", k: 5 })).hits;
    expect(hits.map((h) => [h.id, h.locator])).toEqual([["faq.jsonl#1", "line 2, chars 0-21"]]);
    const csv = await ingestPaths(store, [path.join(dir, "vendors.csv")], {
      collection: "vendors",
      root: dir,
    });
    expect(csv.chunksWritten).toBe(2);
    const globex = (await store.search("vendors", { query: "Paris", k: 5 })).hits;
    expect(globex.map((h) => h.text)).toEqual(["name: Globex\ncity: Paris"]);
    await store.close();
  });

  it("skips unreadable, binary, empty, invalid-JSON and too-big files with a reason each, writing the rest", async () => {
    const { dir, write, store, ingest } = setupCorpus();
    write("good.txt", "fine text");
    write("bin.dat", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    write("empty.txt", "");
    write("bad.jsonl", '{"text":"ok"}\n{not json}\n');
    write("big.txt", "x".repeat(2000));
    write("doc.pdf", "%PDF-1.4");
    const summary = await ingest([dir, path.join(dir, "missing.txt")], { maxBytes: 1000 });
    const reasons = Object.fromEntries(
      summary.skipped.map((s) => [path.basename(s.file), s.reason.split(" (")[0]]),
    );
    expect(reasons).toEqual({
      "missing.txt": "unreadable",
      "bad.jsonl": "invalid JSON on line 2",
      "big.txt": "too big",
      "bin.dat": "binary",
      "doc.pdf": "PDF is not supported yet",
      "empty.txt": "empty",
    });
    expect(summary.added).toEqual(["good.txt"]);
    await store.close();
  });

  it("does nothing on an unchanged re-ingest and replaces a changed file's chunks", async () => {
    const { write, store, ingest } = setupCorpus();
    const file = write("a.txt", "first version of the policy");
    const first = await ingest([file]);
    const again = await ingest([file]);
    expect(again).toMatchObject({ unchanged: ["a.txt"], chunksWritten: 0, version: first.version });
    write("a.txt", "second version of the policy");
    const changed = await ingest([file]);
    expect(changed).toMatchObject({ replaced: ["a.txt"], version: first.version + 1 });
    expect((await store.search("kb", { query: "first", k: 5 })).hits).toEqual([]);
    await store.close();
  });

  it("re-ingests an unchanged file whose labels changed, so its chunks carry the new labels", async () => {
    const { write, store, ingest } = setupCorpus();
    const file = write("a.txt", "salary bands");
    await ingest([file]);
    const relabelled = await ingest([file], { labels: ["hr"] });
    expect(relabelled.replaced).toEqual(["a.txt"]);
    expect((await store.search("kb", { query: "salary", k: 5 })).hits).toEqual([]);
    await store.close();
  });

  it("takes a row's labels from a field", async () => {
    const { write, store, ingest } = setupCorpus();
    const file = write("rows.jsonl", '{"text":"open memo"}\n{"text":"closed memo","acl":["legal"]}\n');
    await ingest([file], { jsonField: "text", labelsField: "acl" });
    const anonymous = await store.search("kb", { query: "memo", k: 5 });
    const lawyer = await store.search("kb", {
      query: "memo",
      k: 5,
      principal: { id: "l", labels: ["legal"] },
    });
    expect(anonymous.hits.map((h) => h.text)).toEqual(["open memo"]);
    expect(lawyer.hits.map((h) => h.text).sort()).toEqual(["closed memo", "open memo"]);
    await store.close();
  });
});
