import { CrosscheckError } from "../../errors.js";
import type { SqliteDatabase, SqliteStatement } from "../database.js";
import type { EventBody } from "../events.js";
import { nodeHash } from "./hash.js";
import { eventLeaf, leafFields, randomSalts } from "./leaf.js";
import type { NodeSource } from "./tree.js";

/** `merkle_nodes.id` of the node at (level, index): level * 2^40 + index (2^40 leaves is plenty). */
const LEVEL_STRIDE = 2 ** 40;
/** Events read at a time when catching up (an open iterator would block the inserts). */
const CATCH_UP_BATCH = 10_000;

/**
 * The Merkle tree of the events table, stored beside it: one `merkle_leaves` row per event and a
 * `merkle_nodes` row for every complete subtree. `append` runs inside AuditLog's append
 * transaction, so the tree and the events commit (or vanish) together. Appending leaf i writes
 * the leaf and one node per trailing 1 bit of i (1 on average), reading each left sibling once.
 */
export class MerkleStore implements NodeSource {
  readonly #size: SqliteStatement<[], number | null>;
  readonly #leaf: SqliteStatement<[number], Buffer | undefined>;
  readonly #node: SqliteStatement<[number], Buffer | undefined>;
  readonly #insertLeaf: SqliteStatement<[number, Buffer, Buffer]>;
  readonly #insertNode: SqliteStatement<[number, Buffer]>;
  readonly #bodiesAfter: SqliteStatement<[number], string>;

  constructor(sqlite: SqliteDatabase) {
    this.#size = sqlite.prepare<[], number | null>("SELECT max(seq) FROM merkle_leaves").pluck();
    this.#leaf = sqlite
      .prepare<[number], Buffer | undefined>("SELECT leaf_hash FROM merkle_leaves WHERE seq = ?")
      .pluck();
    this.#node = sqlite
      .prepare<[number], Buffer | undefined>("SELECT hash FROM merkle_nodes WHERE id = ?")
      .pluck();
    this.#insertLeaf = sqlite.prepare("INSERT INTO merkle_leaves (seq, salts, leaf_hash) VALUES (?, ?, ?)");
    this.#insertNode = sqlite.prepare("INSERT INTO merkle_nodes (id, hash) VALUES (?, ?)");
    this.#bodiesAfter = sqlite
      .prepare<[number], string>(`SELECT body FROM events WHERE seq > ? ORDER BY seq LIMIT ${CATCH_UP_BATCH}`)
      .pluck();
  }

  /** Number of leaves (events) in the tree. */
  size(): number {
    return this.#size.get() ?? 0;
  }

  /** Adds event `body` as leaf `body.seq - 1`, with fresh salts. Must run inside the append transaction. */
  append(body: EventBody): void {
    const leaf = eventLeaf(body, randomSalts(leafFields(body).length));
    this.#insertLeaf.run(body.seq, leaf.salts, leaf.hash);
    let index = body.seq - 1;
    let level = 0;
    let hash = leaf.hash;
    while (index % 2 === 1) {
      hash = nodeHash(this.node(level, index - 1), hash);
      index = (index - 1) / 2;
      level++;
      this.#insertNode.run(level * LEVEL_STRIDE + index, hash);
    }
  }

  /**
   * Adds leaves for events that have none yet (a log written before the tree existed), in seq
   * order. Returns how many were added. Must run inside a write transaction.
   */
  catchUp(): number {
    const size = this.size();
    let added = 0;
    for (;;) {
      const texts = this.#bodiesAfter.all(size + added);
      if (texts.length === 0) return added;
      for (const text of texts) {
        const body = JSON.parse(text) as EventBody;
        if (body.seq !== size + added + 1) {
          throw new CrosscheckError(
            "LOG_TAMPERED",
            `the events table jumps from seq ${size + added} to ${body.seq}: run \`crosscheck audit verify\` and restore the log from a backup`,
          );
        }
        this.append(body);
        added++;
      }
    }
  }

  node(level: number, index: number): Buffer {
    const hash = level === 0 ? this.#leaf.get(index + 1) : this.#node.get(level * LEVEL_STRIDE + index);
    if (hash === undefined) {
      throw new CrosscheckError(
        "LOG_TAMPERED",
        `the Merkle tree lacks the node at level ${level}, index ${index}: run \`crosscheck audit verify\` and restore the log from a backup`,
      );
    }
    return hash;
  }
}
