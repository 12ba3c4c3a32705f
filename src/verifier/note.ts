/**
 * C2SP signed notes and checkpoints, ed25519 only, with node:crypto.
 * Verifier key: `<name>+<key id hex>+<base64(0x01 || 32-byte public key)>`, key id =
 * SHA-256(name || "\n" || 0x01 || public key)[0:4].
 * Checkpoint note: "<origin>\n<size>\n<base64 root>\n[extension lines]\n" + "\n" +
 * "— <name> <base64(key id || signature over the note body)>\n".
 */
import crypto from "node:crypto";

export interface VerifierKey {
  name: string;
  keyId: Buffer;
  publicKey: crypto.KeyObject;
}

export interface CheckpointView {
  origin: string;
  size: number;
  root: Buffer;
  /** ms since the epoch, from the `time <ms>` extension line, when present. */
  time?: number;
}

const SPKI_ED25519_PREFIX = Buffer.from("302a300506032b6570032100", "hex");

/** Parses a verifier key line; throws an Error saying what is wrong. */
export function parseVerifierKey(line: string): VerifierKey {
  const text = line.trim();
  const first = text.indexOf("+");
  const second = text.indexOf("+", first + 1);
  if (first <= 0 || second < 0) throw new Error("the public key is not name+keyid+base64");
  const name = text.slice(0, first);
  const raw = Buffer.from(text.slice(second + 1), "base64");
  if (raw.length !== 33 || raw[0] !== 0x01) throw new Error("the public key is not an ed25519 key");
  const keyId = crypto.createHash("sha256").update(`${name}\n`).update(raw).digest().subarray(0, 4);
  if (keyId.toString("hex") !== text.slice(first + 1, second))
    throw new Error("the public key's id does not match it");
  const publicKey = crypto.createPublicKey({
    key: Buffer.concat([SPKI_ED25519_PREFIX, raw.subarray(1)]),
    format: "der",
    type: "spki",
  });
  return { name, keyId, publicKey };
}

/** Verifies a checkpoint note signed by `key`; returns its contents, or throws saying what failed. */
export function verifyCheckpoint(note: string, key: VerifierKey): CheckpointView {
  const split = note.indexOf("\n\n");
  if (split < 0) throw new Error("not a signed note (no blank line before the signatures)");
  const body = note.slice(0, split + 1);
  const signatures = note
    .slice(split + 2)
    .split("\n")
    .filter((l) => l !== "");
  const signed = signatures.some((line) => {
    const match = /^\u2014 (\S+) ([A-Za-z0-9+/=]+)$/.exec(line);
    if (match === null || match[1] !== key.name) return false;
    const bytes = Buffer.from(match[2] ?? "", "base64");
    return (
      bytes.length === 68 &&
      bytes.subarray(0, 4).equals(key.keyId) &&
      crypto.verify(null, Buffer.from(body), key.publicKey, bytes.subarray(4))
    );
  });
  if (!signed) throw new Error(`no valid signature by key ${key.name}`);
  const lines = body.slice(0, -1).split("\n");
  const [origin = "", size = "", root = ""] = lines;
  if (origin !== key.name) throw new Error(`its origin "${origin}" is not the key's log "${key.name}"`);
  if (!/^\d+$/.test(size)) throw new Error("its tree size is not a number");
  const rootBytes = Buffer.from(root, "base64");
  if (rootBytes.length !== 32) throw new Error("its root hash is not 32 bytes");
  const time = lines.slice(3).find((l) => l.startsWith("time "));
  return {
    origin,
    size: Number(size),
    root: rootBytes,
    ...(time === undefined ? {} : { time: Number(time.slice(5)) }),
  };
}
