import { CrosscheckError } from "../../errors.js";
import type { CrosscheckDatabase } from "../database.js";
import type { EventBody } from "../events.js";
import { fieldDigest, fieldSalt, leafFields } from "./leaf.js";
import { openTree } from "./proofs.js";
import { consistencyProof, inclusionProof } from "./tree.js";

export const BUNDLE_FORMAT = "crosscheck-bundle/1";

export interface BundleOptions {
  runId: string;
  /** Field names (`actor`, `payload.output`, ...) whose values are left out of every event. */
  redactFields?: readonly string[];
}

type BundleEvent =
  | {
      seq: number;
      proof: string[];
      fields: Record<string, { salt: string; value: unknown }>;
      redacted: Record<string, string>;
    }
  | { seq: number; proof: string[]; leafHash: string };

export interface Bundle {
  format: typeof BUNDLE_FORMAT;
  checkpoints: string[];
  consistency: string[][];
  first: number;
  last: number;
  events: BundleEvent[];
}

/**
 * A self-contained bundle of one run (format in src/verifier/bundle.ts): the signed checkpoints
 * from the first one holding the run's first event to the latest, consistency proofs between
 * them, and every event from the run's first to its last seq with an inclusion proof at the
 * latest checkpoint. Events of other runs in that range are wholly redacted (leaf hash only);
 * `redactFields` are redacted in the run's own events (digest only).
 */
export function buildBundle(database: CrosscheckDatabase, options: BundleOptions): Bundle {
  const tree = openTree(database);
  const sqlite = database.sqlite;
  const range = sqlite
    .prepare("SELECT min(seq), max(seq) FROM events WHERE run_id = ?")
    .raw()
    .get(options.runId) as [number | null, number | null];
  const [first, last] = range;
  if (first === null || last === null) {
    throw new CrosscheckError(
      "USAGE",
      `--run: no events of run "${options.runId}": list runs with \`crosscheck audit show\``,
    );
  }
  const checkpoints = sqlite
    .prepare("SELECT size, note FROM log_checkpoints WHERE size >= ? ORDER BY size")
    .raw()
    .all(first) as [number, string][];
  const head = checkpoints[checkpoints.length - 1];
  if (head === undefined || head[0] < last) {
    throw new CrosscheckError(
      "USAGE",
      `no signed checkpoint covers event ${last} of run "${options.runId}": pass --key to sign one now, or configure a log key (\`crosscheck keys generate\`)`,
    );
  }
  const size = head[0];
  const redact = new Set(options.redactFields ?? []);
  const rows = sqlite
    .prepare(
      "SELECT e.seq, e.run_id, e.body, l.salts, l.leaf_hash FROM events e JOIN merkle_leaves l USING (seq) WHERE seq BETWEEN ? AND ? ORDER BY seq",
    )
    .raw()
    .all(first, last) as [number, string, string, Buffer, Buffer][];
  const events = rows.map(([seq, runId, text, salts, leaf]): BundleEvent => {
    const proof = inclusionProof(tree, seq - 1, size).map((h) => h.toString("hex"));
    if (runId !== options.runId) return { seq, proof, leafHash: leaf.toString("hex") };
    const fields: Record<string, { salt: string; value: unknown }> = {};
    const redacted: Record<string, string> = {};
    leafFields(JSON.parse(text) as EventBody).forEach(([name, value], i) => {
      const salt = fieldSalt(salts, i);
      if (redact.has(name)) redacted[name] = fieldDigest(salt, value);
      else fields[name] = { salt: salt.toString("hex"), value };
    });
    return { seq, proof, fields, redacted };
  });
  const consistency: string[][] = [];
  for (let i = 1; i < checkpoints.length; i++) {
    const older = (checkpoints[i - 1] as [number, string])[0];
    consistency.push(
      consistencyProof(tree, older, (checkpoints[i] as [number, string])[0]).map((h) => h.toString("hex")),
    );
  }
  return {
    format: BUNDLE_FORMAT,
    checkpoints: checkpoints.map(([, note]) => note),
    consistency,
    first,
    last,
    events,
  };
}
