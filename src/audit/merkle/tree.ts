import { EMPTY_ROOT, nodeHash, splitPoint } from "./hash.js";

/**
 * Where the hashes of complete subtrees come from: `node(level, index)` is the root of the
 * perfect subtree of 2^level leaves starting at leaf `index * 2^level` (level 0: a leaf hash).
 * `MerkleStore` reads them from SQLite; tests use an in-memory array.
 */
export interface NodeSource {
  node(level: number, index: number): Buffer;
}

/**
 * MTH(D[start:end]) of RFC 6962 section 2.1. Every range reached from a tree's root is either a
 * stored perfect subtree or splits at the largest power of two below its size, so a root or a
 * proof reads O(log n) stored nodes.
 */
export function subtreeHash(source: NodeSource, start: number, end: number): Buffer {
  const size = end - start;
  if (isPowerOfTwo(size) && start % size === 0) return source.node(Math.log2(size), start / size);
  const k = splitPoint(size);
  return nodeHash(subtreeHash(source, start, start + k), subtreeHash(source, start + k, end));
}

/** The root hash of the tree of the first `size` leaves. */
export function rootHash(source: NodeSource, size: number): Buffer {
  return size === 0 ? EMPTY_ROOT : subtreeHash(source, 0, size);
}

/** PATH(m, D[0:n]) of RFC 6962 section 2.1.1: the audit path of leaf `index` in the tree of `size` leaves. */
export function inclusionProof(source: NodeSource, index: number, size: number): Buffer[] {
  const proof: Buffer[] = [];
  let start = 0;
  let end = size;
  // Walk down from the root, collecting the sibling of each subtree holding the leaf (bottom-up order).
  while (end - start > 1) {
    const k = splitPoint(end - start);
    if (index < start + k) {
      proof.push(subtreeHash(source, start + k, end));
      end = start + k;
    } else {
      proof.push(subtreeHash(source, start, start + k));
      start += k;
    }
  }
  return proof.reverse();
}

/** PROOF(m, D[0:n]) of RFC 6962 section 2.1.2: proves the tree of `oldSize` leaves is a prefix of the tree of `newSize`. */
export function consistencyProof(source: NodeSource, oldSize: number, newSize: number): Buffer[] {
  if (oldSize === 0 || oldSize === newSize) return [];
  const proof: Buffer[] = [];
  let m = oldSize;
  let start = 0;
  let end = newSize;
  let complete = true;
  // SUBPROOF(m, D[start:end], complete), unrolled: each step appends one hash, emitted bottom-up.
  while (m !== end - start) {
    const k = splitPoint(end - start);
    if (m <= k) {
      proof.push(subtreeHash(source, start + k, end));
      end = start + k;
    } else {
      proof.push(subtreeHash(source, start, start + k));
      m -= k;
      start += k;
      complete = false;
    }
  }
  if (!complete) proof.push(subtreeHash(source, start, end));
  return proof.reverse();
}

function isPowerOfTwo(n: number): boolean {
  return n > 0 && Number.isInteger(Math.log2(n));
}
