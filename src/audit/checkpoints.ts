import fs from "node:fs";
import path from "node:path";
import { CrosscheckError } from "../errors.js";
import { loadSigner, type NoteSigner } from "../security/keys.js";
import type { SqliteDatabase, SqliteStatement } from "./database.js";
import type { MerkleStore } from "./merkle/store.js";
import { rootHash } from "./merkle/tree.js";

/** A checkpoint is signed every this many events (and at the end of each run). */
export const DEFAULT_CHECKPOINT_EVERY = 1000;
/** Env var naming the private key that signs checkpoints. */
export const LOG_KEY_ENV = "CROSSCHECK_LOG_KEY";
/** Without the env var, `<database folder>/keys/log.key` signs checkpoints when it exists. */
export const DEFAULT_LOG_KEY_FILE = path.join("keys", "log.key");

export interface CheckpointOptions {
  /** Signs the checkpoints; its key name is the log's origin (first line of each checkpoint). */
  signer: NoteSigner;
  /** Sign when the log crosses a multiple of this many events. Default DEFAULT_CHECKPOINT_EVERY. */
  every?: number;
}

export interface Checkpoint {
  size: number;
  /** Lowercase hex. */
  rootHash: string;
  /** ms since the Unix epoch, UTC. */
  ts: number;
  /** 8 hex digits. */
  keyId: string;
  /** The signed note, C2SP tlog-checkpoint format. */
  note: string;
}

/**
 * The checkpoint body (C2SP tlog-checkpoint): origin, tree size, base64 root hash, then one
 * extension line `time <ms>`; each line ends in "\n".
 */
export function checkpointBody(origin: string, size: number, root: Buffer, ts: number): string {
  return `${origin}\n${size}\n${root.toString("base64")}\ntime ${ts}\n`;
}

/** A C2SP signed note: body, blank line, `— <name> base64(keyid || ed25519 signature)`. */
export function signNote(body: string, signer: NoteSigner): string {
  const signature = Buffer.concat([signer.keyId, signer.sign(Buffer.from(body))]);
  return `${body}\n\u2014 ${signer.name} ${signature.toString("base64")}\n`;
}

/** The signer from LOG_KEY_ENV, else `<database folder>/keys/log.key` when it exists, else none. */
export function defaultCheckpointOptions(databasePath: string): CheckpointOptions | undefined {
  const fromEnv = process.env[LOG_KEY_ENV];
  if (fromEnv !== undefined && fromEnv !== "") return { signer: loadSigner(fromEnv) };
  if (databasePath === ":memory:") return undefined;
  const file = path.join(path.dirname(databasePath), DEFAULT_LOG_KEY_FILE);
  return fs.existsSync(file) ? { signer: loadSigner(file) } : undefined;
}

type CheckpointRow = [size: number, rootHash: string, ts: number, keyId: string, note: string];

/**
 * Signs checkpoints of the Merkle tree inside the append transaction. Before signing it
 * recomputes the root at the size of the latest checkpoint from the stored tree: if that no
 * longer matches, or the tree is smaller, the log was rewritten and nothing is signed
 * (LOG_TAMPERED), so the log never signs a checkpoint inconsistent with one it signed before.
 */
export class Checkpointer {
  readonly #tree: MerkleStore;
  readonly #signer: NoteSigner;
  readonly #every: number;
  readonly #clock: () => number;
  readonly #latest: SqliteStatement<[], CheckpointRow | undefined>;
  readonly #insert: SqliteStatement<CheckpointRow>;

  constructor(sqlite: SqliteDatabase, tree: MerkleStore, options: CheckpointOptions, clock: () => number) {
    const every = options.every ?? DEFAULT_CHECKPOINT_EVERY;
    if (!Number.isInteger(every) || every < 1) {
      throw new CrosscheckError(
        "USAGE",
        `checkpoints.every: ${every} is not a positive integer: pass e.g. 1000`,
      );
    }
    this.#tree = tree;
    this.#signer = options.signer;
    this.#every = every;
    this.#clock = clock;
    this.#latest = sqlite
      .prepare<[], CheckpointRow | undefined>(
        "SELECT size, root_hash, ts, key_id, note FROM log_checkpoints ORDER BY size DESC LIMIT 1",
      )
      .raw();
    this.#insert = sqlite.prepare(
      "INSERT INTO log_checkpoints (size, root_hash, ts, key_id, note) VALUES (?, ?, ?, ?, ?)",
    );
  }

  /** After an append moved the log from `fromSize` to `toSize` events: sign if a boundary was crossed or a run ended. */
  afterAppend(fromSize: number, toSize: number, runEnded: boolean): void {
    if (toSize === fromSize) return;
    if (runEnded || Math.floor(toSize / this.#every) > Math.floor(fromSize / this.#every)) this.sign(toSize);
  }

  /** Signs a checkpoint at `size` (default: the whole tree) unless one exists; returns it. Run in a write transaction. */
  sign(size: number = this.#tree.size()): Checkpoint {
    const latest = this.#latest.get();
    if (latest !== undefined) {
      const [lastSize, lastRoot] = latest;
      if (size === lastSize) return toCheckpoint(latest);
      if (size < lastSize || this.#tree.size() < lastSize) {
        throw new CrosscheckError(
          "LOG_TAMPERED",
          `refusing to sign a checkpoint at size ${size}: a checkpoint was already signed at size ${lastSize} and the log cannot shrink`,
        );
      }
      const recomputed = rootHash(this.#tree, lastSize).toString("hex");
      if (recomputed !== lastRoot) {
        throw new CrosscheckError(
          "LOG_TAMPERED",
          `refusing to sign: the tree's first ${lastSize} events no longer hash to the root signed at size ${lastSize} (the log was rewritten): run \`crosscheck audit verify\` and restore the log from a backup`,
        );
      }
    }
    const root = rootHash(this.#tree, size);
    const ts = this.#clock();
    const note = signNote(checkpointBody(this.#signer.name, size, root, ts), this.#signer);
    const row: CheckpointRow = [size, root.toString("hex"), ts, this.#signer.keyId.toString("hex"), note];
    this.#insert.run(...row);
    return toCheckpoint(row);
  }
}

function toCheckpoint([size, rootHash, ts, keyId, note]: CheckpointRow): Checkpoint {
  return { size, rootHash, ts, keyId, note };
}
