/**
 * Checks a Crosscheck audit bundle offline, trusting only the log's public key. Imports nothing
 * but node:crypto (through the three files beside it), so an auditor can read it in one sitting.
 *
 * Bundle (JSON, format "crosscheck-bundle/1"):
 *   checkpoints: signed notes, ascending tree size; the last one is what the events are proved against
 *   consistency: consistency[i] proves checkpoints[i] is a prefix of checkpoints[i+1] (hex hashes)
 *   first, last: the contiguous seq range the bundle covers (no event in it may be missing)
 *   events: one per seq in [first, last], each with an inclusion proof (hex) at the last checkpoint:
 *     { seq, proof, fields: {name: {salt, value}}, redacted: {name: digest} }   a disclosed event
 *     { seq, proof, leafHash }                                               a wholly redacted event
 * Leaf of event seq: canonical JSON of {"fields": {name: digest}, "seq": seq, "v": 1} where
 * digest = hex SHA-256(salt bytes || UTF-8 canonical JSON of the value); leaf hash = SHA-256(0x00 || leaf).
 */
import { canonicalJson } from "./canonical.js";
import { leafHash, sha256, verifyConsistency, verifyInclusion } from "./merkle.js";
import { type CheckpointView, parseVerifierKey, verifyCheckpoint } from "./note.js";

export interface BundleFailure {
  /** What failed: "bundle", "key", "checkpoint N", "consistency N->M", "event N". */
  where: string;
  reason: string;
}

export interface BundleReport {
  ok: boolean;
  failures: BundleFailure[];
  /** The checkpoint the events are proved against (when its signature verified). */
  checkpoint?: { origin: string; size: number; root: string; time?: number };
  /** Disclosed events, fields by name (redacted fields absent). */
  events: { seq: number; fields: Record<string, unknown> }[];
  /** What the bundle holds back: whole events, or named fields of an event. */
  redacted: { seq: number; fields: string[] | "event" }[];
}

type Json = Record<string, unknown>;
const isHash = (v: unknown): v is string => typeof v === "string" && /^[0-9a-f]{64}$/.test(v);
const isHashList = (v: unknown): v is string[] => Array.isArray(v) && v.every(isHash);
const bytes = (hex: string): Buffer => Buffer.from(hex, "hex");

/** Verifies `bundle` (parsed JSON) against the verifier key line `publicKey`. */
export function verifyBundle(bundle: unknown, publicKey: string): BundleReport {
  const report: BundleReport = { ok: false, failures: [], events: [], redacted: [] };
  const fail = (where: string, reason: string): BundleReport => {
    report.failures.push({ where, reason });
    return report;
  };
  let key: ReturnType<typeof parseVerifierKey>;
  try {
    key = parseVerifierKey(publicKey);
  } catch (error) {
    return fail("key", (error as Error).message);
  }
  const b = bundle as Json;
  if (b === null || typeof b !== "object" || b["format"] !== "crosscheck-bundle/1") {
    return fail("bundle", 'not a crosscheck bundle (format must be "crosscheck-bundle/1")');
  }
  const notes = b["checkpoints"];
  const consistency = b["consistency"];
  if (!Array.isArray(notes) || notes.length === 0 || !notes.every((n) => typeof n === "string")) {
    return fail("bundle", "checkpoints must be a non-empty list of signed notes");
  }
  if (
    !Array.isArray(consistency) ||
    consistency.length !== notes.length - 1 ||
    !consistency.every(isHashList)
  ) {
    return fail("bundle", "consistency must hold one proof (hex hashes) between each pair of checkpoints");
  }
  // 1. Every checkpoint is signed by the key, and each extends the one before.
  const views: CheckpointView[] = [];
  for (const [i, note] of notes.entries()) {
    try {
      views.push(verifyCheckpoint(note as string, key));
    } catch (error) {
      return fail(`checkpoint ${i}`, (error as Error).message);
    }
  }
  for (let i = 1; i < views.length; i++) {
    const [older, newer] = [views[i - 1] as CheckpointView, views[i] as CheckpointView];
    const proof = (consistency[i - 1] as string[]).map(bytes);
    if (
      older.size > newer.size ||
      !verifyConsistency(older.size, newer.size, proof, older.root, newer.root)
    ) {
      return fail(
        `consistency ${older.size}->${newer.size}`,
        "the later checkpoint does not extend the earlier one (a forked or rewritten log, or a replayed checkpoint)",
      );
    }
  }
  const head = views[views.length - 1] as CheckpointView;
  report.checkpoint = {
    origin: head.origin,
    size: head.size,
    root: head.root.toString("hex"),
    ...(head.time === undefined ? {} : { time: head.time }),
  };
  // 2. The events cover [first, last] with no gap, each proved to be in the tree at its seq.
  const { first, last, events } = b as { first?: unknown; last?: unknown; events?: unknown };
  if (
    !Number.isInteger(first) ||
    !Number.isInteger(last) ||
    (first as number) < 1 ||
    (last as number) < (first as number)
  ) {
    return fail("bundle", "first and last must be seqs with 1 <= first <= last");
  }
  if ((last as number) > head.size) {
    return fail(
      "bundle",
      `it covers events up to ${last} but its last checkpoint holds only ${head.size} (a replayed old checkpoint?)`,
    );
  }
  if (!Array.isArray(events) || events.length !== (last as number) - (first as number) + 1) {
    return fail(
      "bundle",
      `events must hold exactly one entry per seq from ${first} to ${last} (an event was deleted or inserted)`,
    );
  }
  for (const [i, raw] of events.entries()) {
    const seq = (first as number) + i;
    const event = raw as Json;
    if (event === null || typeof event !== "object" || event["seq"] !== seq) {
      fail(
        `event ${seq}`,
        `expected seq ${seq} here, found ${JSON.stringify((event as Json | null)?.["seq"])} (events deleted, inserted or reordered)`,
      );
      continue;
    }
    const checked = leafOf(event, seq);
    if (typeof checked === "string") {
      fail(`event ${seq}`, checked);
      continue;
    }
    if (
      !isHashList(event["proof"]) ||
      !verifyInclusion(seq - 1, head.size, checked.hash, event["proof"].map(bytes), head.root)
    ) {
      fail(
        `event ${seq}`,
        `its content does not match leaf ${seq - 1} of the signed tree of size ${head.size} (edited, or proved against another tree)`,
      );
      continue;
    }
    if (checked.disclosed === undefined) report.redacted.push({ seq, fields: "event" });
    else {
      report.events.push({ seq, fields: checked.disclosed });
      if (checked.hidden.length > 0) report.redacted.push({ seq, fields: checked.hidden });
    }
  }
  report.ok = report.failures.length === 0;
  return report;
}

/** The leaf hash an event entry commits to, with its disclosed fields, or what is malformed. */
function leafOf(
  event: Json,
  seq: number,
): { hash: Buffer; disclosed?: Record<string, unknown>; hidden: string[] } | string {
  if (event["leafHash"] !== undefined) {
    return isHash(event["leafHash"])
      ? { hash: bytes(event["leafHash"]), hidden: [] }
      : "leafHash is not a hex hash";
  }
  const fields = event["fields"] as Record<string, { salt?: unknown; value?: unknown }> | undefined;
  const redacted = (event["redacted"] ?? {}) as Record<string, unknown>;
  if (fields === null || typeof fields !== "object" || typeof redacted !== "object" || redacted === null) {
    return "fields and redacted must be objects";
  }
  const digests: Record<string, string> = {};
  const disclosed: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(fields)) {
    if (typeof field?.salt !== "string" || !/^[0-9a-f]{32}$/.test(field.salt) || !("value" in field)) {
      return `field ${name} needs a 32-hex-digit salt and a value`;
    }
    digests[name] = sha256(bytes(field.salt), Buffer.from(canonicalJson(field.value))).toString("hex");
    disclosed[name] = field.value;
  }
  for (const [name, digest] of Object.entries(redacted)) {
    if (name in digests) return `field ${name} is both disclosed and redacted`;
    if (!isHash(digest)) return `redacted field ${name} is not a hex digest`;
    digests[name] = digest;
  }
  const entry = canonicalJson({ fields: digests, seq, v: 1 });
  return { hash: leafHash(Buffer.from(entry)), disclosed, hidden: Object.keys(redacted).sort() };
}
