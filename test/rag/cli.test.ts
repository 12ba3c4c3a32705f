import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "../helpers/cli.js";
import { tempDb, tempDir } from "../helpers/temp.js";

function setupCorpus() {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, "public.md"), "# Parking\n\nVisitors park on level 2.");
  fs.writeFileSync(path.join(dir, "board.md"), "# Parking\n\nBoard members park on level 1.");
  return { dir, db: tempDb() };
}

describe("crosscheck ingest and search", () => {
  it("ingests a directory, then searches it as JSON", async () => {
    const { dir, db } = setupCorpus();
    const ingested = await cli(["--db", db, "ingest", dir, "--collection", "facilities"]);
    expect(ingested).toMatchObject({ code: 0, stderr: "" });
    expect(ingested.stdout).toMatch(
      /collection facilities v1 .*: 2 added, 0 replaced, 0 unchanged, 2 chunks written/,
    );
    const found = await cli([
      "--db",
      db,
      "--json",
      "search",
      "visitors",
      "--collection",
      "facilities",
      "--k",
      "1",
    ]);
    expect(found.code).toBe(0);
    const parsed = JSON.parse(found.stdout) as {
      version: number;
      hits: { text: string; labels: string[] }[];
    };
    expect(parsed.version).toBe(1);
    expect(parsed.hits.map((h) => h.text)).toEqual(["# Parking\n\nVisitors park on level 2."]);
  });

  it("never shows a labelled chunk to a search without that label", async () => {
    const { dir, db } = setupCorpus();
    await cli(["--db", db, "ingest", path.join(dir, "public.md"), "--collection", "facilities"]);
    await cli([
      "--db",
      db,
      "ingest",
      path.join(dir, "board.md"),
      "--collection",
      "facilities",
      "--labels",
      "board",
    ]);
    const search = (labels: string) =>
      cli(["--db", db, "search", "park level", "--collection", "facilities", "--labels", labels]);
    const outsider = await search("staff");
    expect(outsider.stdout).toContain("public.md#0");
    expect(outsider.stdout).not.toContain("Board members");
    expect(outsider.stderr).toBe("search: lexical (BM25) only: no embeddings model is configured");
    const member = await search("board");
    expect(member.stdout).toContain("Board members park on level 1.");
  });

  it("exits 2 with a reason per skipped file, after writing the good ones", async () => {
    const { dir, db } = setupCorpus();
    fs.writeFileSync(path.join(dir, "empty.txt"), "");
    const result = await cli(["--db", db, "ingest", dir, "--collection", "facilities"]);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain("2 added");
    expect(result.stdout).toMatch(/skipped 1 file\(s\):\n {2}\S*empty.txt: empty/);
  });

  it("names an unknown collection and the known ones, exit 2", async () => {
    const { dir, db } = setupCorpus();
    await cli(["--db", db, "ingest", dir, "--collection", "facilities"]);
    const result = await cli(["--db", db, "search", "x", "--collection", "nope"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no collection "nope" in .*: known collections: facilities/);
  });

  it("rejects a bad label with the flag's name, exit 2, writing nothing", async () => {
    const { dir, db } = setupCorpus();
    const result = await cli([
      "--db",
      db,
      "ingest",
      dir,
      "--collection",
      "facilities",
      "--labels",
      "Finance Team",
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--labels: "Finance Team" is not a label/);
    expect(fs.existsSync(db)).toBe(false);
  });

  it("shows progress on stderr for a large ingest", async () => {
    const { dir, db } = setupCorpus();
    for (let i = 0; i < 23; i++) fs.writeFileSync(path.join(dir, `note-${i}.txt`), `note number ${i}`);
    const result = await cli(["--db", db, "ingest", dir, "--collection", "notes"]);
    expect(result.code).toBe(0);
    expect(result.stderr.split("\n").at(-1)).toBe("ingest: 25/25 files read");
    expect(result.stderr.split("\n").length).toBeGreaterThan(1);
  });
});
