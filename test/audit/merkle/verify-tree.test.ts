import crypto from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { verifyTree } from "../../../src/audit/merkle/verify-tree.js";
import { referenceLeafHash, setupTreeLog, type TreeLogSetup } from "./setup.js";

let setup: TreeLogSetup | undefined;
afterEach(() => setup?.database.close());

/** A log of 37 events with checkpoints at 10, 20, 30 and 37 (an ended run signs one). */
function setupTree(): TreeLogSetup {
  setup = setupTreeLog({ every: 10 });
  for (let i = 0; i < 7; i++) setup.append(5);
  setup.append(2);
  setup.log.signCheckpoint();
  return setup;
}

/** RFC 6962 MTH over leaf hashes (not entries), naive and recursive. */
function rootOfLeaves(leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 1) return leaves[0] as Buffer;
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return crypto
    .createHash("sha256")
    .update(
      Buffer.concat([Buffer.from([1]), rootOfLeaves(leaves.slice(0, k)), rootOfLeaves(leaves.slice(k))]),
    )
    .digest();
}

function exec(s: TreeLogSetup, sql: string, ...params: unknown[]): void {
  s.database.sqlite.prepare(sql).run(...params);
}

describe("verifyTree", () => {
  it("recomputes every leaf from body and salts, and each checkpoint's root, as the reference tree does", () => {
    const s = setupTree();
    const rows = s.database.sqlite
      .prepare("SELECT e.body, l.salts FROM events e JOIN merkle_leaves l USING (seq) ORDER BY seq")
      .all() as {
      body: string;
      salts: Buffer;
    }[];
    const reference = rootOfLeaves(rows.map((r) => referenceLeafHash(JSON.parse(r.body), r.salts)));
    expect(verifyTree(s.database.sqlite)).toEqual({
      ok: true,
      leaves: 37,
      checkpoints: 4,
      rootHash: reference.toString("hex"),
    });
  });

  it("names an edited event whose leaf was left alone", () => {
    const s = setupTree();
    exec(s, "UPDATE events SET body = replace(body, 'email-12@', 'email-99@') WHERE seq = 13");
    expect(verifyTree(s.database.sqlite)).toMatchObject({
      ok: false,
      leaves: 12,
      checkpoints: 1,
      problem: expect.stringContaining("event 13: its stored leaf hash does not match its body and salts"),
    });
  });

  it("names the checkpoint whose root no longer holds when an event and its leaf and nodes were rewritten", () => {
    const s = setupTree();
    // A rewrite that keeps the leaf consistent: change a salt and recompute the leaf and nodes
    // as the log would (the attacker has no signing key, so the checkpoints stay).
    const salts = s.database.sqlite
      .prepare("SELECT salts FROM merkle_leaves WHERE seq = 3")
      .pluck()
      .get() as Buffer;
    salts[0] = (salts[0] as number) ^ 1;
    exec(s, "UPDATE merkle_leaves SET salts = ? WHERE seq = 3", salts);
    const leaf = referenceLeafHash(
      JSON.parse(s.database.sqlite.prepare("SELECT body FROM events WHERE seq = 3").pluck().get() as string),
      salts,
    );
    exec(s, "UPDATE merkle_leaves SET leaf_hash = ? WHERE seq = 3", leaf);
    const result = verifyTree(s.database.sqlite);
    expect(result.ok).toBe(false);
    expect(result.problem).toContain(
      "the stored Merkle node at level 1, index 1 (over events 3-4) does not match",
    );
  });

  it("names a missing leaf, a missing event and a tail deleted under a checkpoint", () => {
    let s = setupTree();
    exec(s, "DELETE FROM merkle_leaves WHERE seq = 21");
    expect(verifyTree(s.database.sqlite).problem).toBe(
      "event 21 has no Merkle leaf (the tree stops at 20 leaves)",
    );
    s.database.close();
    s = setupTree();
    exec(s, "DELETE FROM events WHERE seq = 5");
    expect(verifyTree(s.database.sqlite).problem).toBe("the events jump from seq 4 to 6: event 5 is missing");
    s.database.close();
    s = setupTree();
    exec(s, "DELETE FROM events WHERE seq > 33");
    exec(s, "DELETE FROM merkle_leaves WHERE seq > 33");
    expect(verifyTree(s.database.sqlite).problem).toBe(
      "the checkpoint at size 37 covers more events than the log holds (33): events were deleted from the end",
    );
  });

  it("names a checkpoint row whose root was replaced", () => {
    const s = setupTree();
    exec(s, "UPDATE log_checkpoints SET root_hash = ? WHERE size = 20", "ab".repeat(32));
    expect(verifyTree(s.database.sqlite).problem).toContain(
      "the checkpoint row at size 20 records root abababababababab…, not the root its note signs",
    );
  });
});
