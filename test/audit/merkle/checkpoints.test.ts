import crypto from "node:crypto";
import fs from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { proveConsistency } from "../../../src/audit/merkle/proofs.js";
import { cli } from "../../helpers/cli.js";
import { setupTreeLog, type TreeLogSetup } from "./setup.js";

let setup: TreeLogSetup | undefined;
afterEach(() => setup?.database.close());

function checkpoints(s: TreeLogSetup): { size: number; root_hash: string; note: string }[] {
  return s.database.sqlite
    .prepare("SELECT size, root_hash, note FROM log_checkpoints ORDER BY size")
    .all() as {
    size: number;
    root_hash: string;
    note: string;
  }[];
}

describe("signed checkpoints", () => {
  it("signs a C2SP checkpoint each time the log crosses a multiple of `every` events and when a run ends", () => {
    setup = setupTreeLog({ every: 5 });
    setup.append(4);
    expect(checkpoints(setup)).toEqual([]);
    setup.append(3);
    setup.append(4);
    expect(checkpoints(setup).map((c) => c.size)).toEqual([7, 11]);
    setup.log.append([
      {
        kind: "run.interrupted",
        key: "x",
        runId: "run-1",
        actor: { type: "system", id: "c", role: "r" },
        payload: { reason: "t" },
      },
    ]);
    expect(checkpoints(setup).map((c) => c.size)).toEqual([7, 11]);
  });

  it("writes origin, size, base64 root and time, signed by the log key over the note body", () => {
    setup = setupTreeLog({ every: 3, name: "example.com/log" });
    setup.append(3);
    const [checkpoint] = checkpoints(setup);
    const note = checkpoint?.note ?? "";
    const [body, signatureLine] = note.split("\n\n");
    const lines = (body ?? "").split("\n");
    expect(lines.slice(0, 3)).toEqual([
      "example.com/log",
      "3",
      Buffer.from(checkpoint?.root_hash ?? "", "hex").toString("base64"),
    ]);
    expect(lines[3]).toMatch(/^time \d+$/);
    const [dash, name, encoded] = (signatureLine ?? "").trim().split(" ");
    expect([dash, name]).toEqual(["\u2014", "example.com/log"]);
    const signature = Buffer.from(encoded ?? "", "base64");
    // The verifier key's last field is base64(0x01 || public key); its id is the signature's first 4 bytes.
    const vkey = fs.readFileSync(setup.publicKeyPath, "utf8").trim().split("+");
    expect(signature.subarray(0, 4).toString("hex")).toBe(vkey[1]);
    const raw = Buffer.from(vkey.slice(2).join("+"), "base64").subarray(1);
    const publicKey = crypto.createPublicKey({
      key: Buffer.concat([Buffer.from("302a300506032b6570032100", "hex"), raw]),
      format: "der",
      type: "spki",
    });
    expect(crypto.verify(null, Buffer.from(`${body}\n`), publicKey, signature.subarray(4))).toBe(true);
  });

  it("refuses to sign a checkpoint inconsistent with one it signed before, and names why", () => {
    setup = setupTreeLog({ every: 4 });
    setup.append(4);
    // Someone rewrites the checkpointed subtree of the first 4 events (level 2, index 0).
    setup.database.sqlite
      .prepare("UPDATE merkle_nodes SET hash = randomblob(32) WHERE id = ?")
      .run(2 * 2 ** 40);
    expect(() => setup?.append(4)).toThrow(
      /refusing to sign: the tree's first 4 events no longer hash to the root signed at size 4/,
    );
    expect(checkpoints(setup).map((c) => c.size)).toEqual([4]);
  });

  it("keeps every checkpoint consistent with the next (consistency proofs between them hold)", async () => {
    setup = setupTreeLog({ every: 3 });
    for (let i = 0; i < 5; i++) setup.append(2 + i);
    const sizes = checkpoints(setup).map((c) => c.size);
    expect(sizes.length).toBeGreaterThan(2);
    for (let i = 1; i < sizes.length; i++) {
      const proof = proveConsistency(setup.database, sizes[i - 1] as number, sizes[i] as number);
      expect(proof.oldRoot).toBe(checkpoints(setup)[i - 1]?.root_hash);
    }
  });
});

describe("crosscheck audit prove / consistency", () => {
  it("prints an inclusion proof with the signed checkpoint, and a consistency proof, as JSON", async () => {
    setup = setupTreeLog({ every: 4 });
    setup.append(8);
    const id = setup.database.sqlite.prepare("SELECT id FROM events WHERE seq = 3").pluck().get() as string;
    const prove = await cli(["--db", setup.file, "--json", "audit", "prove", id]);
    expect(prove.code).toBe(0);
    const proof = JSON.parse(prove.stdout) as {
      seq: number;
      treeSize: number;
      proof: string[];
      checkpoint: string;
    };
    expect([proof.seq, proof.treeSize, proof.proof.length]).toEqual([3, 8, 3]);
    expect(proof.checkpoint.split("\n")[1]).toBe("8");
    const consistency = await cli(["--db", setup.file, "--json", "audit", "consistency", "4", "8"]);
    expect(consistency.code).toBe(0);
    expect((JSON.parse(consistency.stdout) as { proof: string[] }).proof).toHaveLength(1);
  });

  it("exits 2 naming the problem for an unknown event or a bad size", async () => {
    setup = setupTreeLog();
    setup.append(2);
    const unknown = await cli(["--db", setup.file, "audit", "prove", "nope"]);
    expect([unknown.code, unknown.stderr]).toEqual([
      2,
      expect.stringContaining('no event with id or seq "nope"'),
    ]);
    const bad = await cli(["--db", setup.file, "audit", "consistency", "2", "x"]);
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('<new>: "x" is not a whole number')]);
  });
});
