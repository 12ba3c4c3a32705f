import crypto from "node:crypto";
import { canonicalValue } from "../chain.js";
import type { EventBody } from "../events.js";
import { leafHash, sha256Hex } from "./hash.js";

/** Bytes of random salt per field. */
export const SALT_BYTES = 16;

/** Version of the leaf layout below, inside every leaf. */
export const LEAF_VERSION = 1;

/**
 * The fields of an event that the Merkle leaf commits to one by one, sorted by name: the body's
 * `id, ts, kind, runId, caseId, node, actor` and each top-level member of its payload as
 * `payload.<key>`. `seq` is not a field: it is the leaf's position and stays in the clear.
 */
export function leafFields(body: EventBody): [name: string, value: unknown][] {
  const fields: [string, unknown][] = [
    ["actor", body.actor],
    ["caseId", body.caseId],
    ["id", body.id],
    ["kind", body.kind],
    ["node", body.node],
    ["runId", body.runId],
    ["ts", body.ts],
  ];
  const payload = body.payload;
  if (payload !== null && typeof payload === "object" && !Array.isArray(payload)) {
    for (const [key, value] of Object.entries(payload)) {
      if (value !== undefined) fields.push([`payload.${key}`, value]);
    }
  } else {
    fields.push(["payload", payload]);
  }
  return fields.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** SHA-256(salt || UTF-8 canonical JSON of the value), lowercase hex. */
export function fieldDigest(salt: Uint8Array, value: unknown): string {
  return sha256Hex(Buffer.concat([salt, Buffer.from(canonicalValue(value))]));
}

/**
 * The leaf entry of event `seq`: canonical JSON of `{"fields":{name: digest...},"seq":N,"v":1}`.
 * Its leaf hash is SHA-256(0x00 || entry). Revealing a field's value and salt lets anyone check
 * its digest; a redacted field shows only its digest.
 */
export function leafEntry(seq: number, digests: Readonly<Record<string, string>>): string {
  return canonicalValue({ fields: digests, seq, v: LEAF_VERSION });
}

/** leafEntry for digests already in leafFields (code unit) order: the same string, built directly. */
function sortedLeafEntry(seq: number, names: readonly string[], digests: readonly string[]): string {
  let fields = "";
  for (let i = 0; i < names.length; i++) {
    fields += `${i === 0 ? "" : ","}${JSON.stringify(names[i])}:"${digests[i]}"`;
  }
  return `{"fields":{${fields}},"seq":${seq},"v":${LEAF_VERSION}}`;
}

/** One event's leaf: its salts (SALT_BYTES per field, in leafFields order) and hashes. */
export interface EventLeaf {
  salts: Buffer;
  digests: Record<string, string>;
  hash: Buffer;
}

/** Computes an event's leaf with the given salts (SALT_BYTES per field in leafFields order). */
export function eventLeaf(body: EventBody, salts: Buffer): EventLeaf {
  const fields = leafFields(body);
  if (salts.length !== fields.length * SALT_BYTES) {
    throw new RangeError(`event ${body.seq}: ${salts.length} salt bytes for ${fields.length} fields`);
  }
  const names: string[] = [];
  const hexes: string[] = [];
  const digests: Record<string, string> = {};
  fields.forEach(([name, value], i) => {
    const digest = fieldDigest(salts.subarray(i * SALT_BYTES, (i + 1) * SALT_BYTES), value);
    names.push(name);
    hexes.push(digest);
    digests[name] = digest;
  });
  return { salts, digests, hash: leafHash(Buffer.from(sortedLeafEntry(body.seq, names, hexes))) };
}

/** The salt of field number `i` (in leafFields order) out of an event's salts. */
export function fieldSalt(salts: Buffer, i: number): Buffer {
  return salts.subarray(i * SALT_BYTES, (i + 1) * SALT_BYTES);
}

const POOL_BYTES = 64 * 1024;
let pool = Buffer.alloc(0);
let offset = 0;

/** Fresh random salts for `fields` fields, cut from a pooled crypto.randomBytes buffer. */
export function randomSalts(fields: number): Buffer {
  const need = fields * SALT_BYTES;
  if (offset + need > pool.length) {
    pool = crypto.randomBytes(Math.max(POOL_BYTES, need));
    offset = 0;
  }
  const salts = Buffer.from(pool.subarray(offset, offset + need));
  offset += need;
  return salts;
}
