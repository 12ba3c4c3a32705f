import crypto from "node:crypto";
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
  return sha256Hex(`${prevHash}\n${body}`);
}

/** One-shot `crypto.hash` (Node >= 20.12, about twice as fast on small inputs), else createHash. */
const sha256Hex: (text: string) => string =
  typeof crypto.hash === "function"
    ? (text) => crypto.hash("sha256", text, "hex")
    : (text) => crypto.createHash("sha256").update(text).digest("hex");

/**
 * RFC 8785 (JCS) canonical JSON of an event body: keys sorted by UTF-16 code units, no
 * whitespace, ECMAScript number and string serialization, undefined members dropped.
 * Throws a TypeError on what JSON cannot represent (NaN, Infinity, BigInt, lone surrogates,
 * cycles).
 *
 * Output is identical to the `canonicalize` package (test/audit/canonical.test.ts checks it
 * against that package on random values); this version is ~1.5x faster on event bodies (it
 * skips the package's per-character surrogate scan and cycle-tracking Set), and canonical
 * JSON was the largest piece of JavaScript work per appended event.
 */
export function canonicalBody(body: EventBody): string {
  return canonicalJson(body, 0);
}

/** RFC 8785 canonical JSON of any JSON value (one field of a body: see merkle/leaf.ts). */
export function canonicalValue(value: unknown): string {
  return canonicalJson(value, 0);
}

/** Deeper than this is treated as a cycle. */
const MAX_DEPTH = 512;
const LONE_SURROGATE = /\p{Surrogate}/u;

function canonicalJson(value: unknown, depth: number): string {
  switch (typeof value) {
    case "string":
      return quote(value);
    case "number":
      if (!Number.isFinite(value)) throw new TypeError(`${value} is not allowed in JSON`);
      return JSON.stringify(value);
    case "boolean":
      return value ? "true" : "false";
    case "object": {
      if (value === null) return "null";
      if (depth > MAX_DEPTH) throw new TypeError("value is nested too deeply (circular reference?)");
      if (typeof (value as { toJSON?: unknown }).toJSON === "function") {
        return canonicalJson((value as { toJSON(): unknown }).toJSON(), depth + 1);
      }
      if (Array.isArray(value)) {
        let out = "[";
        for (let i = 0; i < value.length; i++) {
          const item: unknown = value[i];
          if (i > 0) out += ",";
          out += isOmitted(item) ? "null" : canonicalJson(item, depth + 1);
        }
        return `${out}]`;
      }
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).sort();
      let out = "{";
      for (const key of keys) {
        const member = record[key];
        if (isOmitted(member)) continue;
        if (out.length > 1) out += ",";
        out += `${quote(key)}:${canonicalJson(member, depth + 1)}`;
      }
      return `${out}}`;
    }
    default:
      throw new TypeError(`a ${typeof value} is not allowed in JSON`);
  }
}

function isOmitted(value: unknown): boolean {
  return value === undefined || typeof value === "function" || typeof value === "symbol";
}

function quote(text: string): string {
  const json = JSON.stringify(text);
  // JSON.stringify writes a lone surrogate as a \udXXX escape: only then is the slow check needed.
  if (json.includes("\\ud") && LONE_SURROGATE.test(text)) {
    throw new TypeError("a string with a lone surrogate is not allowed in JSON");
  }
  return json;
}
