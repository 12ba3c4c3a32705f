import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import type { EventBody } from "./events.js";

/** The `prev_hash` of the first event. */
export const GENESIS_HASH = "0".repeat(64);

/**
 * The hash of an event: lowercase hex SHA-256 of the UTF-8 bytes of
 * `prevHash + "\n" + body`, where `prevHash` is the previous event's hash (GENESIS_HASH for
 * the first event) and `body` is the canonical JSON of the event (see `canonicalBody`).
 * The body holds seq, id, UTC ms timestamp, kind, run, case, node, actor and payload, so all of
 * them are covered by the chain. An independent verifier needs only this sentence.
 */
export function eventHash(prevHash: string, body: string): string {
  return createHash("sha256").update(`${prevHash}\n${body}`).digest("hex");
}

/**
 * RFC 8785 (JCS) canonical JSON of an event body: sorted keys, no whitespace, undefined
 * members dropped. Throws on values JSON cannot represent (NaN, Infinity, BigInt, cycles).
 */
export function canonicalBody(body: EventBody): string {
  const text = canonicalize(body);
  if (text === undefined) throw new TypeError("an event body must be a JSON object");
  return text;
}
