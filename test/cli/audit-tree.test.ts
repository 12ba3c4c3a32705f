import { describe, expect, it } from "vitest";
import { setupTreeLog } from "../audit/merkle/setup.js";
import { cli } from "../helpers/cli.js";

function setupVerify() {
  const s = setupTreeLog({ every: 4 });
  for (const n of [3, 3, 4]) s.append(n); // checkpoints at 6 and 10
  s.database.close();
  return s;
}

describe("crosscheck audit verify --tree", () => {
  it("recomputes the tree and its signed checkpoints on an untouched log", async () => {
    const { file } = setupVerify();
    const result = await cli(["--db", file, "audit", "verify", "--tree"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^ok: Merkle tree of 10 leaves, 2 signed checkpoints hold, root [0-9a-f]{64}$/m,
    );
  });

  it("exits 4 naming an event rewritten with a consistent leaf, which the chain alone cannot see", async () => {
    const s = setupVerify();
    const { openDatabase } = await import("../../src/audit/database.js");
    const database = openDatabase(s.file);
    // Re-salt event 6 and recompute its leaf with the code's own layout: the chain is intact.
    const { eventLeaf } = await import("../../src/audit/merkle/leaf.js");
    const [body, salts] = database.sqlite
      .prepare("SELECT e.body, l.salts FROM events e JOIN merkle_leaves l USING (seq) WHERE seq = 6")
      .raw()
      .get() as [string, Buffer];
    salts[3] = (salts[3] as number) ^ 0xff;
    const leaf = eventLeaf(JSON.parse(body), salts);
    database.sqlite
      .prepare("UPDATE merkle_leaves SET salts = ?, leaf_hash = ? WHERE seq = 6")
      .run(salts, leaf.hash);
    database.close();
    expect((await cli(["--db", s.file, "audit", "verify"])).code).toBe(0);
    const result = await cli(["--db", s.file, "audit", "verify", "--tree"]);
    expect(result.code).toBe(4);
    expect(result.stdout).toContain(
      "TAMPERED: Merkle tree: the stored Merkle node at level 1, index 2 (over events 5-6) does not match the leaves below it",
    );
    const json = JSON.parse((await cli(["--db", s.file, "--json", "audit", "verify", "--tree"])).stdout);
    expect(json).toMatchObject({ ok: true, tree: { ok: false, leaves: 5 } });
  });
});
