import crypto from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../../src/audit/database.js";
import { AuditLog } from "../../../src/audit/log.js";
import { proveConsistency, proveInclusion } from "../../../src/audit/merkle/proofs.js";
import { verifyConsistency, verifyInclusion } from "../../../src/verifier/merkle.js";
import { tempDb } from "../../helpers/temp.js";
import { exportEvent, referenceLeafHash, setupTreeLog, type TreeLogSetup } from "./setup.js";

let setup: TreeLogSetup | undefined;
afterEach(() => setup?.database.close());

function leafHashes(s: TreeLogSetup): Buffer[] {
  const rows = s.database.sqlite
    .prepare(
      "SELECT e.body, l.salts, l.leaf_hash FROM events e JOIN merkle_leaves l USING (seq) ORDER BY seq",
    )
    .raw()
    .all() as [string, Buffer, Buffer][];
  return rows.map(([body, salts, stored]) => {
    const recomputed = referenceLeafHash(JSON.parse(body) as Record<string, unknown>, salts);
    expect(stored.toString("hex")).toBe(recomputed.toString("hex"));
    return recomputed;
  });
}

describe("the Merkle tree of the events table", () => {
  it("stores, for every appended event, the leaf hash of its salted field digests", () => {
    setup = setupTreeLog();
    setup.append(3);
    setup.append(20);
    expect(leafHashes(setup)).toHaveLength(23);
  });

  it("proves inclusion of every event and consistency between every pair of sizes, as the reference does", () => {
    setup = setupTreeLog();
    for (let i = 0; i < 6; i++) setup.append(1 + i * 3);
    const leaves = leafHashes(setup);
    const n = leaves.length;
    const refRoot = (size: number) => referenceRoot(leaves.slice(0, size));
    for (let seq = 1; seq <= n; seq++) {
      const proof = proveInclusion(setup.database, String(seq), n);
      expect(proof.rootHash).toBe(refRoot(n));
      const hashes = proof.proof.map((h) => Buffer.from(h, "hex"));
      expect(
        verifyInclusion(seq - 1, n, leaves[seq - 1] as Buffer, hashes, Buffer.from(proof.rootHash, "hex")),
      ).toBe(true);
    }
    for (let old = 1; old <= n; old += 4) {
      const proof = proveConsistency(setup.database, old, n);
      expect(proof.oldRoot).toBe(refRoot(old));
      const hashes = proof.proof.map((h) => Buffer.from(h, "hex"));
      expect(
        verifyConsistency(
          old,
          n,
          hashes,
          Buffer.from(proof.oldRoot, "hex"),
          Buffer.from(proof.newRoot, "hex"),
        ),
      ).toBe(true);
    }
  });

  it("gives a log written before the tree existed its leaves on the next append", () => {
    const file = tempDb();
    const database = openDatabase(file);
    const log = new AuditLog(database, { checkpoints: false });
    log.append([exportEvent(0, "r"), exportEvent(1, "r")]);
    database.sqlite.exec("DELETE FROM merkle_leaves; DELETE FROM merkle_nodes;");
    log.append([exportEvent(2, "r")]);
    const count = database.sqlite.prepare("SELECT count(*) FROM merkle_leaves").pluck().get();
    database.close();
    expect(count).toBe(3);
  });

  it("rejects a proof request for an unknown event or an impossible size, naming the fix", () => {
    const s = setupTreeLog();
    setup = s;
    s.append(4);
    expect(() => proveInclusion(s.database, "no-such-id")).toThrow(/no event with id or seq "no-such-id"/);
    expect(() => proveInclusion(s.database, "3", 2)).toThrow(
      /between the event's seq 3 and the log's size 4/,
    );
    expect(() => proveConsistency(s.database, 3, 9)).toThrow(/need 1 <= old <= new <= 4/);
  });
});

/** RFC 6962 root over leaf hashes (not entries): the reference's recursion with leaves taken as given. */
function referenceRoot(leaves: readonly Buffer[]): string {
  const rec = (d: readonly Buffer[]): Buffer => {
    if (d.length === 1) return d[0] as Buffer;
    let k = 1;
    while (k * 2 < d.length) k *= 2;
    return crypto
      .createHash("sha256")
      .update(Buffer.concat([Buffer.from([1]), rec(d.slice(0, k)), rec(d.slice(k))]))
      .digest();
  };
  return rec(leaves).toString("hex");
}
