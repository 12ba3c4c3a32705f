import { CrosscheckError } from "../../errors.js";
import type { CrosscheckDatabase } from "../database.js";
import { MerkleStore } from "./store.js";
import { consistencyProof, inclusionProof, rootHash } from "./tree.js";

/** An inclusion proof as printed by `crosscheck audit prove` (hashes in lowercase hex). */
export interface InclusionProofOutput {
  eventId: string;
  seq: number;
  /** RFC 6962 leaf index: seq - 1. */
  leafIndex: number;
  treeSize: number;
  leafHash: string;
  rootHash: string;
  proof: string[];
  /** The signed checkpoint at `treeSize`, when one exists. */
  checkpoint?: string;
}

export interface ConsistencyProofOutput {
  oldSize: number;
  newSize: number;
  oldRoot: string;
  newRoot: string;
  proof: string[];
}

/**
 * The tree of `database`, caught up with its events first (a log written before the tree existed
 * gets its leaves in one write transaction).
 */
export function openTree(database: CrosscheckDatabase): MerkleStore {
  const tree = new MerkleStore(database.sqlite);
  const events = (database.sqlite.prepare("SELECT max(seq) FROM events").pluck().get() as number | null) ?? 0;
  if (tree.size() < events) database.sqlite.transaction(() => tree.catchUp()).immediate();
  return tree;
}

/**
 * Proves that the event with id (or seq) `event` is in the tree of `treeSize` leaves (default:
 * the latest signed checkpoint that holds it, else the whole tree).
 */
export function proveInclusion(
  database: CrosscheckDatabase,
  event: string,
  treeSize?: number,
): InclusionProofOutput {
  const tree = openTree(database);
  const sqlite = database.sqlite;
  const row = (
    /^\d+$/.test(event)
      ? sqlite.prepare("SELECT seq, id FROM events WHERE seq = ?").raw().get(Number(event))
      : sqlite.prepare("SELECT seq, id FROM events WHERE id = ?").raw().get(event)
  ) as [number, string] | undefined;
  if (row === undefined) {
    throw new CrosscheckError(
      "USAGE",
      `no event with id or seq "${event}": list event ids with \`crosscheck audit export\``,
    );
  }
  const [seq, eventId] = row;
  const size = tree.size();
  const checkpointed = sqlite
    .prepare("SELECT size FROM log_checkpoints WHERE size >= ? ORDER BY size DESC LIMIT 1")
    .pluck()
    .get(seq) as number | undefined;
  const at = treeSize ?? checkpointed ?? size;
  if (!Number.isInteger(at) || at < seq || at > size) {
    throw new CrosscheckError(
      "USAGE",
      `--size ${at}: the tree size must be between the event's seq ${seq} and the log's size ${size}`,
    );
  }
  const note = sqlite.prepare("SELECT note FROM log_checkpoints WHERE size = ?").pluck().get(at) as
    | string
    | undefined;
  return {
    eventId,
    seq,
    leafIndex: seq - 1,
    treeSize: at,
    leafHash: tree.node(0, seq - 1).toString("hex"),
    rootHash: rootHash(tree, at).toString("hex"),
    proof: inclusionProof(tree, seq - 1, at).map((h) => h.toString("hex")),
    ...(note === undefined ? {} : { checkpoint: note }),
  };
}

/** Proves that the tree of `oldSize` events is a prefix of the tree of `newSize` events. */
export function proveConsistency(
  database: CrosscheckDatabase,
  oldSize: number,
  newSize: number,
): ConsistencyProofOutput {
  const tree = openTree(database);
  const size = tree.size();
  if (
    !Number.isInteger(oldSize) ||
    !Number.isInteger(newSize) ||
    oldSize < 1 ||
    oldSize > newSize ||
    newSize > size
  ) {
    throw new CrosscheckError(
      "USAGE",
      `consistency ${oldSize} ${newSize}: need 1 <= old <= new <= ${size} (the log's size), both whole numbers`,
    );
  }
  return {
    oldSize,
    newSize,
    oldRoot: rootHash(tree, oldSize).toString("hex"),
    newRoot: rootHash(tree, newSize).toString("hex"),
    proof: consistencyProof(tree, oldSize, newSize).map((h) => h.toString("hex")),
  };
}
