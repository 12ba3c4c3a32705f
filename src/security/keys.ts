import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { CrosscheckError } from "../errors.js";

/**
 * ed25519 keys in the text formats of the C2SP signed-note spec (the Go `note` package):
 * - private key (file mode 0600): `PRIVATE+KEY+<name>+<key id hex>+<base64(0x01 || 32-byte seed)>`
 * - verifier key (public, one line): `<name>+<key id hex>+<base64(0x01 || 32-byte public key)>`
 * The key id is the first 4 bytes of SHA-256(name || "\n" || 0x01 || public key).
 * The private key is never logged and never part of an error message.
 */

/** Signature algorithm byte of ed25519 in signed notes. */
const ED25519 = 0x01;
const PKCS8_ED25519_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");
const SPKI_ED25519_PREFIX = Buffer.from("302a300506032b6570032100", "hex");

/** A key name: what checkpoints call their log (origin) and what manifests call their signer. */
export const KeyNameSchema = z
  .string()
  .min(1)
  .regex(/^[^\s+]+$/, "a key name has no spaces and no '+'");

/** Signs notes (checkpoints, manifests) with an ed25519 private key. */
export interface NoteSigner {
  readonly name: string;
  /** 4 bytes. */
  readonly keyId: Buffer;
  /** The matching verifier key line, safe to publish. */
  readonly verifierKey: string;
  sign(message: Uint8Array): Buffer;
}

/** Checks signatures made by one ed25519 key. */
export interface NoteVerifier {
  readonly name: string;
  readonly keyId: Buffer;
  verify(message: Uint8Array, signature: Uint8Array): boolean;
}

export function keyId(name: string, publicKey: Uint8Array): Buffer {
  const hash = crypto
    .createHash("sha256")
    .update(`${name}\n`)
    .update(Buffer.from([ED25519]))
    .update(publicKey)
    .digest();
  return hash.subarray(0, 4);
}

/** Writes a new key pair `<dir>/<file>.key` (mode 0600) and `<dir>/<file>.pub`; never overwrites. */
export function generateKeyFiles(
  dir: string,
  file: string,
  name: string,
): { privateKeyPath: string; publicKeyPath: string; verifierKey: string } {
  const keyName = KeyNameSchema.safeParse(name);
  if (!keyName.success) {
    throw new CrosscheckError(
      "USAGE",
      `--name: "${name}" is not a key name: use letters, digits, '.', '-', '/' and no spaces or '+'`,
    );
  }
  const seed = crypto.randomBytes(32);
  const signer = signerFromSeed(name, seed);
  const privateKeyPath = path.resolve(dir, `${file}.key`);
  const publicKeyPath = path.resolve(dir, `${file}.pub`);
  for (const target of [privateKeyPath, publicKeyPath]) {
    if (fs.existsSync(target)) {
      throw new CrosscheckError(
        "USAGE",
        `${target} already exists: keys are never overwritten; pick another --out or --file`,
      );
    }
  }
  fs.mkdirSync(path.dirname(privateKeyPath), { recursive: true, mode: 0o700 });
  const encoded = Buffer.concat([Buffer.from([ED25519]), seed]).toString("base64");
  fs.writeFileSync(privateKeyPath, `PRIVATE+KEY+${name}+${signer.keyId.toString("hex")}+${encoded}\n`, {
    mode: 0o600,
    flag: "wx",
  });
  fs.chmodSync(privateKeyPath, 0o600);
  fs.writeFileSync(publicKeyPath, `${signer.verifierKey}\n`, { flag: "wx" });
  return { privateKeyPath, publicKeyPath, verifierKey: signer.verifierKey };
}

/** Loads a private key file. Refuses one that others can read (fix: chmod 600). */
export function loadSigner(file: string): NoteSigner {
  let text: string;
  try {
    const mode = fs.statSync(file).mode;
    if ((mode & 0o077) !== 0) {
      throw new CrosscheckError(
        "USAGE",
        `the private key ${file} can be read by other users (mode ${(mode & 0o777).toString(8)}): run \`chmod 600 ${file}\``,
      );
    }
    text = fs.readFileSync(file, "utf8").trim();
  } catch (error) {
    if (error instanceof CrosscheckError) throw error;
    throw new CrosscheckError(
      "USAGE",
      `cannot read the private key ${file} (${(error as NodeJS.ErrnoException).code ?? "error"}): check the path, or create one with \`crosscheck keys generate\``,
      { cause: error },
    );
  }
  const parts = text.startsWith("PRIVATE+KEY+")
    ? splitVerifierKey(text.slice("PRIVATE+KEY+".length))
    : undefined;
  const [name = "", id = "", encoded = ""] = parts ?? [];
  const seed = decodeKey(encoded);
  if (seed === undefined || !KeyNameSchema.safeParse(name).success) {
    // Never echo the file's content: it is a secret.
    throw new CrosscheckError(
      "USAGE",
      `${file} is not a crosscheck private key: create one with \`crosscheck keys generate\``,
    );
  }
  const signer = signerFromSeed(name, seed);
  if (signer.keyId.toString("hex") !== id) {
    throw new CrosscheckError(
      "USAGE",
      `${file}: its key id does not match its key (the file was edited): generate a new key`,
    );
  }
  return signer;
}

/**
 * Parses a verifier key line (or a file holding one). Throws USAGE naming what is wrong.
 */
export function parseVerifierKey(textOrFile: string): NoteVerifier {
  let text = textOrFile.trim();
  if (!/^[^\s+]+\+[0-9a-f]{8}\+[A-Za-z0-9+/=]+$/.test(text) && fs.existsSync(textOrFile)) {
    text = fs.readFileSync(textOrFile, "utf8").trim();
  }
  const [name = "", id = "", encoded = ""] = splitVerifierKey(text) ?? [];
  const raw = decodeKey(encoded);
  if (raw === undefined || !KeyNameSchema.safeParse(name).success) {
    throw new CrosscheckError(
      "USAGE",
      `"${textOrFile}" is not a verifier key (name+keyid+base64) nor a file holding one: pass the .pub file written by \`crosscheck keys generate\``,
    );
  }
  const computed = keyId(name, raw);
  if (computed.toString("hex") !== id) {
    throw new CrosscheckError(
      "USAGE",
      `verifier key ${name}: its key id ${id} does not match the key (expected ${computed.toString("hex")}): copy the .pub file again`,
    );
  }
  const publicKey = crypto.createPublicKey({
    key: Buffer.concat([SPKI_ED25519_PREFIX, raw]),
    format: "der",
    type: "spki",
  });
  return {
    name,
    keyId: computed,
    verify: (message, signature) =>
      signature.length === 64 && crypto.verify(null, message, publicKey, signature),
  };
}

/** `name+id+base64` (base64 may hold '+' itself) -> its three parts. */
function splitVerifierKey(text: string): [string, string, string] | undefined {
  const first = text.indexOf("+");
  const second = text.indexOf("+", first + 1);
  if (first < 0 || second < 0) return undefined;
  return [text.slice(0, first), text.slice(first + 1, second), text.slice(second + 1)];
}

/** base64(0x01 || 32 bytes) -> the 32 bytes, or undefined. */
function decodeKey(encoded: string): Buffer | undefined {
  const bytes = Buffer.from(encoded, "base64");
  return bytes.length === 33 && bytes[0] === ED25519 ? bytes.subarray(1) : undefined;
}

function signerFromSeed(name: string, seed: Buffer): NoteSigner {
  const privateKey = crypto.createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]),
    format: "der",
    type: "pkcs8",
  });
  const publicKey = crypto
    .createPublicKey(privateKey)
    .export({ format: "der", type: "spki" })
    .subarray(SPKI_ED25519_PREFIX.length);
  const id = keyId(name, publicKey);
  const verifierKey = `${name}+${id.toString("hex")}+${Buffer.concat([Buffer.from([ED25519]), publicKey]).toString("base64")}`;
  return {
    name,
    keyId: id,
    verifierKey,
    sign: (message) => crypto.sign(null, message, privateKey),
  };
}
