import crypto from "node:crypto";

/** RFC 6962 section 2.1: a leaf is hashed as SHA-256(0x00 || entry). */
const LEAF_PREFIX = Buffer.from([0x00]);
/** RFC 6962 section 2.1: an interior node is hashed as SHA-256(0x01 || left || right). */
const NODE_PREFIX = Buffer.from([0x01]);

/** The root of the empty tree: SHA-256 of the empty string. */
export const EMPTY_ROOT: Buffer = crypto.createHash("sha256").digest();

export function leafHash(entry: Uint8Array): Buffer {
  return sha256(Buffer.concat([LEAF_PREFIX, entry]));
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return sha256(Buffer.concat([NODE_PREFIX, left, right]));
}

/** One-shot `crypto.hash` where Node has it (>= 20.12, much faster on small inputs). */
const sha256: (data: Buffer) => Buffer =
  typeof crypto.hash === "function"
    ? (data) => crypto.hash("sha256", data, "buffer")
    : (data) => crypto.createHash("sha256").update(data).digest();

export const sha256Hex: (data: Buffer) => string =
  typeof crypto.hash === "function"
    ? (data) => crypto.hash("sha256", data, "hex")
    : (data) => crypto.createHash("sha256").update(data).digest("hex");

/** The largest power of two strictly smaller than `n` (n >= 2), the split point `k` of RFC 6962. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}
