import crypto from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { leafHash, nodeHash } from "../../../src/audit/merkle/hash.js";
import {
  consistencyProof,
  inclusionProof,
  type NodeSource,
  rootHash,
} from "../../../src/audit/merkle/tree.js";
import { verifyConsistency, verifyInclusion } from "../../../src/verifier/merkle.js";
import { mth, path, proof } from "./reference.js";

/** The entries of the RFC 6962 reference test data (certificate-transparency's merkle tests), hex. */
const ENTRIES = [
  "",
  "00",
  "10",
  "2021",
  "3031",
  "40414243",
  "5051525354555657",
  "606162636465666768696a6b6c6d6e6f",
].map((hex) => Buffer.from(hex, "hex"));

/** Roots of the trees of the first 1..8 entries (the same test data). */
const ROOTS = [
  "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
  "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
  "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
  "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
  "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
  "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
  "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
  "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
];

const INCLUSION = [
  {
    index: 0,
    size: 8,
    path: [
      "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ],
  },
  {
    index: 5,
    size: 8,
    path: [
      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
      "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ],
  },
  { index: 2, size: 3, path: ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"] },
  {
    index: 1,
    size: 5,
    path: [
      "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
    ],
  },
  { index: 0, size: 1, path: [] },
];

const CONSISTENCY = [
  { old: 1, size: 1, path: [] },
  {
    old: 1,
    size: 8,
    path: [
      "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ],
  },
  {
    old: 6,
    size: 8,
    path: [
      "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
      "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ],
  },
  {
    old: 2,
    size: 5,
    path: [
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
    ],
  },
];

/** Complete subtrees of the given entries, built level by level, as the store keeps them. */
function setupTree(entries: readonly Buffer[]): NodeSource {
  const levels: Buffer[][] = [entries.map((e) => leafHash(e))];
  for (let level = 0; (levels[level]?.length ?? 0) > 1; level++) {
    const below = levels[level] as Buffer[];
    const above: Buffer[] = [];
    for (let i = 0; i + 1 < below.length; i += 2)
      above.push(nodeHash(below[i] as Buffer, below[i + 1] as Buffer));
    levels.push(above);
  }
  return {
    node: (level, index) => {
      const hash = levels[level]?.[index];
      if (hash === undefined) throw new Error(`no node ${level}/${index}`);
      return hash;
    },
  };
}

const hex = (hashes: readonly Buffer[]): string[] => hashes.map((h) => h.toString("hex"));
const unhex = (hashes: readonly string[]): Buffer[] => hashes.map((h) => Buffer.from(h, "hex"));

describe("Merkle tree (RFC 6962)", () => {
  it("computes the RFC 6962 reference roots, and the empty root is SHA-256 of nothing", () => {
    const tree = setupTree(ENTRIES);
    expect(ENTRIES.map((_, i) => rootHash(tree, i + 1).toString("hex"))).toEqual(ROOTS);
    expect(rootHash(tree, 0).toString("hex")).toBe(
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    );
  });

  it("produces the reference inclusion proofs, and the verifier accepts them", () => {
    const tree = setupTree(ENTRIES);
    for (const vector of INCLUSION) {
      expect(hex(inclusionProof(tree, vector.index, vector.size))).toEqual(vector.path);
      const leaf = leafHash(ENTRIES[vector.index] as Buffer);
      const root = Buffer.from(ROOTS[vector.size - 1] as string, "hex");
      expect(verifyInclusion(vector.index, vector.size, leaf, unhex(vector.path), root)).toBe(true);
    }
  });

  it("produces the reference consistency proofs, and the verifier accepts them", () => {
    const tree = setupTree(ENTRIES);
    for (const vector of CONSISTENCY) {
      expect(hex(consistencyProof(tree, vector.old, vector.size))).toEqual(vector.path);
      const oldRoot = Buffer.from(ROOTS[vector.old - 1] as string, "hex");
      const newRoot = Buffer.from(ROOTS[vector.size - 1] as string, "hex");
      expect(verifyConsistency(vector.old, vector.size, unhex(vector.path), oldRoot, newRoot)).toBe(true);
    }
  });

  it("agrees with a naive RFC 6962 reference on random trees, and the verifier rejects any corrupted proof", () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 8 }), { minLength: 1, maxLength: 70 }),
        fc.nat(),
        fc.nat(),
        fc.nat(),
        (raw, a, b, corrupt) => {
          const entries = raw.map((e) => Buffer.from(e));
          const tree = setupTree(entries);
          const size = 1 + (a % entries.length);
          const index = b % size;
          const old = 1 + (b % size);
          const prefix = entries.slice(0, size);
          const root = rootHash(tree, size);
          expect(root.equals(mth(prefix))).toBe(true);
          const inclusion = inclusionProof(tree, index, size);
          expect(hex(inclusion)).toEqual(hex(path(index, prefix)));
          const leaf = leafHash(entries[index] as Buffer);
          expect(verifyInclusion(index, size, leaf, inclusion, root)).toBe(true);
          const consistency = consistencyProof(tree, old, size);
          expect(hex(consistency)).toEqual(hex(proof(old, prefix)));
          const oldRoot = mth(entries.slice(0, old));
          expect(verifyConsistency(old, size, consistency, oldRoot, root)).toBe(true);
          // Corruptions every verifier must reject: a flipped bit, a dropped or extra hash, a wrong leaf.
          if (inclusion.length > 0) {
            const i = corrupt % inclusion.length;
            const flipped = inclusion.map((h, j) => (j === i ? flip(h, corrupt) : h));
            expect(verifyInclusion(index, size, leaf, flipped, root)).toBe(false);
            expect(verifyInclusion(index, size, leaf, inclusion.slice(1), root)).toBe(false);
          }
          expect(verifyInclusion(index, size, leaf, [...inclusion, root], root)).toBe(false);
          expect(verifyInclusion(index, size, flip(leaf, corrupt), inclusion, root)).toBe(false);
          if (old < size) {
            const i = corrupt % consistency.length;
            const flipped = consistency.map((h, j) => (j === i ? flip(h, corrupt) : h));
            expect(verifyConsistency(old, size, flipped, oldRoot, root)).toBe(false);
            expect(verifyConsistency(old, size, consistency.slice(0, -1), oldRoot, root)).toBe(false);
            expect(verifyConsistency(old, size, consistency, flip(oldRoot, corrupt), root)).toBe(false);
            expect(verifyConsistency(old, size, consistency, oldRoot, flip(root, corrupt))).toBe(false);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});

function flip(hash: Buffer, at: number): Buffer {
  const copy = Buffer.from(hash);
  copy[at % copy.length] = (copy[at % copy.length] as number) ^ (1 << (at % 8));
  return copy;
}

// Independent check that the reference itself hashes leaves as RFC 6962 says.
it("reference leaf hash of the empty entry is SHA-256(0x00)", () => {
  expect(mth([Buffer.alloc(0)]).toString("hex")).toBe(
    crypto
      .createHash("sha256")
      .update(Buffer.from([0]))
      .digest("hex"),
  );
});
