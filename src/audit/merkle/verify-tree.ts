import type { SqliteDatabase } from "../database.js";
import type { EventBody } from "../events.js";
import { EMPTY_ROOT, nodeHash } from "./hash.js";
import { eventLeaf } from "./leaf.js";

/** `merkle_nodes.id` of (level, index), as MerkleStore writes it. */
const LEVEL_STRIDE = 2 ** 40;

export interface TreeCheckpoint {
  size: number;
  /** The root hash the note says (base64 in its third line), lowercase hex. */
  rootHash: string;
  note: string;
}

export interface TreeVerifyResult {
  /** True when every leaf, stored node and checkpoint matches what the event bodies hash to. */
  ok: boolean;
  /** Leaves recomputed before the first mismatch (all of them when ok). */
  leaves: number;
  /** Checkpoints whose root was recomputed and matched. */
  checkpoints: number;
  /** The recomputed root of the whole tree (hex), when ok. */
  rootHash?: string;
  /** The first mismatch, in words, naming the event seq or checkpoint size. */
  problem?: string;
}

/**
 * Recomputes the Merkle tree from the events table alone: every leaf from its stored body and
 * salts, every stored interior node, and the root at each signed checkpoint's size (against the
 * root in the checkpoint's note and in its row). Stops at the first mismatch and names it.
 * Signatures are not checked here (the bundle verifier does that with the log's public key).
 * Reads one pass over events and leaves; memory is O(log n).
 */
export function verifyTree(sqlite: SqliteDatabase): TreeVerifyResult {
  const checkpoints = (
    sqlite.prepare("SELECT size, root_hash, note FROM log_checkpoints ORDER BY size").raw().all() as [
      number,
      string,
      string,
    ][]
  ).map(([size, rootHash, note]) => ({ size, rootHash, note }));
  const storedNode = sqlite
    .prepare<[number], Buffer | undefined>("SELECT hash FROM merkle_nodes WHERE id = ?")
    .pluck();
  const rows = sqlite
    .prepare(
      "SELECT e.seq, e.body, l.seq, l.salts, l.leaf_hash FROM events e LEFT JOIN merkle_leaves l USING (seq) ORDER BY e.seq",
    )
    .raw()
    .iterate() as IterableIterator<[number, string, number | null, Buffer | null, Buffer | null]>;
  // The compact range: roots of the perfect subtrees of the leaves so far, largest first.
  const stack: { level: number; hash: Buffer }[] = [];
  let size = 0;
  let next = 0; // index into checkpoints
  const fail = (problem: string): TreeVerifyResult => ({
    ok: false,
    leaves: size,
    checkpoints: next,
    problem,
  });
  for (const [seq, text, leafSeq, salts, stored] of rows) {
    if (seq !== size + 1)
      return fail(`the events jump from seq ${size} to ${seq}: event ${size + 1} is missing`);
    if (leafSeq === null || salts === null || stored === null) {
      return fail(`event ${seq} has no Merkle leaf (the tree stops at ${size} leaves)`);
    }
    let hash: Buffer;
    try {
      hash = eventLeaf(JSON.parse(text) as EventBody, salts).hash;
    } catch (error) {
      return fail(`event ${seq}: its leaf cannot be recomputed (${(error as Error).message})`);
    }
    if (!hash.equals(stored)) {
      return fail(
        `event ${seq}: its stored leaf hash does not match its body and salts (the event or its leaf was edited)`,
      );
    }
    let level = 0;
    let index = size;
    while (stack.length > 0 && (stack[stack.length - 1] as { level: number }).level === level) {
      const left = stack.pop() as { hash: Buffer };
      hash = nodeHash(left.hash, hash);
      level++;
      index = Math.floor(index / 2);
      const node = storedNode.get(level * LEVEL_STRIDE + index);
      if (node === undefined || !node.equals(hash)) {
        return fail(
          `the stored Merkle node at level ${level}, index ${index} (over events ${index * 2 ** level + 1}-${(index + 1) * 2 ** level}) ${node === undefined ? "is missing" : "does not match the leaves below it"}`,
        );
      }
    }
    stack.push({ level, hash });
    size++;
    while (next < checkpoints.length && (checkpoints[next] as TreeCheckpoint).size === size) {
      const problem = checkpointProblem(checkpoints[next] as TreeCheckpoint, rootOf(stack));
      if (problem !== undefined) return fail(problem);
      next++;
    }
  }
  const unchecked = checkpoints[next];
  if (unchecked !== undefined) {
    return fail(
      `the checkpoint at size ${unchecked.size} covers more events than the log holds (${size}): events were deleted from the end`,
    );
  }
  const extraLeaves = sqlite
    .prepare("SELECT count(*) FROM merkle_leaves WHERE seq > ?")
    .pluck()
    .get(size) as number;
  if (extraLeaves > 0)
    return fail(`the tree has ${extraLeaves} leaves after the last event ${size}: events were deleted`);
  return { ok: true, leaves: size, checkpoints: next, rootHash: rootOf(stack).toString("hex") };
}

function rootOf(stack: readonly { hash: Buffer }[]): Buffer {
  if (stack.length === 0) return EMPTY_ROOT;
  let root = (stack[stack.length - 1] as { hash: Buffer }).hash;
  for (let i = stack.length - 2; i >= 0; i--) root = nodeHash((stack[i] as { hash: Buffer }).hash, root);
  return root;
}

function checkpointProblem(checkpoint: TreeCheckpoint, root: Buffer): string | undefined {
  const lines = checkpoint.note.split("\n");
  const noted = Buffer.from(lines[2] ?? "", "base64").toString("hex");
  const recomputed = root.toString("hex");
  if (lines[1] !== String(checkpoint.size)) {
    return `the checkpoint stored at size ${checkpoint.size} says size ${lines[1] ?? "?"} in its note`;
  }
  if (noted !== recomputed) {
    return `the signed checkpoint at size ${checkpoint.size} has root ${noted.slice(0, 16)}…, but the first ${checkpoint.size} events hash to ${recomputed.slice(0, 16)}… (an event at or before seq ${checkpoint.size} was changed)`;
  }
  if (checkpoint.rootHash !== recomputed) {
    return `the checkpoint row at size ${checkpoint.size} records root ${checkpoint.rootHash.slice(0, 16)}…, not the root its note signs`;
  }
  return undefined;
}
