/**
 * Merkle tree speed on a large log (default 1,000,000 events, built as bench/verify.ts builds
 * its log, then given its tree and a signed checkpoint), each beside a baseline in the same run:
 * - inclusion proofs (`audit prove`: proveInclusion end to end, random events) against the
 *   I/O floor of a proof from a stored tree: log2(n) primary-key reads with one raw statement;
 * - bundle verification (the standalone verifier on one run's bundle: every disclosed field
 *   digest, leaf, inclusion proof, checkpoint signature) against raw sha256 over the same
 *   fields and leaves (no proofs, no signatures);
 * - `audit verify --tree` (verifyTree over the whole log) against raw sha256 over the same rows.
 *
 * Env: BENCH_MERKLE_EVENTS (default 1 000 000), BENCH_MERKLE_ROUNDS (default 3),
 * BENCH_MERKLE_PROOFS (proofs a round, default 2 000).
 */
import { createHash } from "node:crypto";
import path from "node:path";
import { openDatabase } from "../src/audit/database.js";
import { AuditLog } from "../src/audit/log.js";
import { buildBundle } from "../src/audit/merkle/bundle.js";
import { openTree, proveInclusion } from "../src/audit/merkle/proofs.js";
import { verifyTree } from "../src/audit/merkle/verify-tree.js";
import { generateKeyFiles, loadSigner } from "../src/security/keys.js";
import { verifyBundle } from "../src/verifier/bundle.js";
import { alternateRounds, type BenchResult, envCount, isMain, rate, report, withTempDir } from "./support.js";
import { buildLog } from "./verify.js";

/** Regression guards, not promises: the ratios measured on a 2-core dev box were well above them. */
const MIN_PROOF_RATIO = 0.1;
const MIN_BUNDLE_RATIO = 0.1;
const MIN_TREE_RATIO = 0.1;

/** Seeded picks of events to prove, the same every run. */
function picks(count: number, size: number): number[] {
  let x = 2_463_534_242;
  return Array.from({ length: count }, () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return ((x >>> 0) % size) + 1;
  });
}

type BundleEvents = { fields?: Record<string, { salt: string; value: unknown }>; seq: number }[];

/** The hashing floor of a bundle: sha256(salt || JSON value) for each field and one leaf hash an event. */
function rawBundleHashing(events: BundleEvents): number {
  let hashed = 0;
  for (const event of events) {
    const digests: Record<string, string> = {};
    for (const [name, { salt, value }] of Object.entries(event.fields ?? {})) {
      digests[name] = createHash("sha256")
        .update(Buffer.from(salt, "hex"))
        .update(JSON.stringify(value))
        .digest("hex");
    }
    createHash("sha256")
      .update(Buffer.from([0]))
      .update(JSON.stringify({ fields: digests, seq: event.seq, v: 1 }))
      .digest();
    hashed++;
  }
  return hashed;
}

export async function runMerkleBench(): Promise<BenchResult[]> {
  const count = envCount("BENCH_MERKLE_EVENTS", 1_000_000);
  const rounds = envCount("BENCH_MERKLE_ROUNDS", 3);
  const proofs = envCount("BENCH_MERKLE_PROOFS", 2_000);
  return withTempDir("merkle", async (dir) => {
    const keys = generateKeyFiles(path.join(dir, "keys"), "log", "bench.example/log");
    const database = openDatabase(path.join(dir, "crosscheck.db"));
    try {
      const built = buildLog(database, count);
      let started = performance.now();
      openTree(database); // every leaf and node, in one write transaction
      const log = new AuditLog(database, { checkpoints: { signer: loadSigner(keys.privateKeyPath) } });
      log.signCheckpoint();
      console.log(
        `  merkle: built a ${count.toLocaleString("en-US")}-event log in ${built.toFixed(1)} s and its tree in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
      const results: BenchResult[] = [];

      // Inclusion proofs.
      const seqs = picks(proofs, count);
      const depth = Math.ceil(Math.log2(count));
      const read = database.sqlite.prepare("SELECT leaf_hash FROM merkle_leaves WHERE seq = ?").pluck();
      const prove = () =>
        rate(proofs, () => {
          for (const seq of seqs) {
            if (proveInclusion(database, String(seq)).proof.length === 0 && count > 1) {
              throw new Error(`merkle bench: empty proof for event ${seq}`);
            }
          }
        });
      const pointReads = () =>
        rate(proofs, () => {
          for (const seq of seqs) {
            for (let i = 0; i < depth; i++) read.get(((seq + i * 7919) % count) + 1);
          }
        });
      results.push(
        report({
          name: "merkle proofs",
          unit: "proofs/s",
          baselineLabel: `raw ${depth} point reads a proof`,
          target: { minRatio: MIN_PROOF_RATIO },
          ...(await alternateRounds(rounds, prove, pointReads)),
          detail: `${rounds} rounds of ${proofs.toLocaleString("en-US")} inclusion proofs (audit prove) in a ${count.toLocaleString("en-US")}-event tree`,
        }),
      );

      // Bundle verification: the run holding the middle event.
      const runId = database.sqlite
        .prepare("SELECT run_id FROM events WHERE seq = ?")
        .pluck()
        .get(Math.ceil(count / 2)) as string;
      started = performance.now();
      const bundle = buildBundle(database, { runId });
      const bundleSeconds = (performance.now() - started) / 1000;
      const parsed = JSON.parse(JSON.stringify(bundle)) as { events: BundleEvents };
      const events = parsed.events.length;
      const verify = () =>
        rate(events, () => {
          const result = verifyBundle(parsed, keys.verifierKey);
          if (!result.ok)
            throw new Error(`merkle bench: the bundle did not verify: ${JSON.stringify(result.failures[0])}`);
        });
      const raw = () => rate(events, () => rawBundleHashing(parsed.events));
      results.push(
        report({
          name: "bundle verify",
          unit: "events/s",
          baselineLabel: "raw sha256 over the same fields and leaves",
          target: { minRatio: MIN_BUNDLE_RATIO },
          ...(await alternateRounds(rounds, verify, raw)),
          detail: `${rounds} rounds over a bundle of ${events.toLocaleString("en-US")} events (built in ${bundleSeconds.toFixed(2)} s, ${Buffer.byteLength(JSON.stringify(bundle)).toLocaleString("en-US")} bytes)`,
        }),
      );

      // The whole tree recomputed.
      const tree = () =>
        rate(count, () => {
          const result = verifyTree(database.sqlite);
          if (!result.ok) throw new Error(`merkle bench: verifyTree failed: ${result.problem}`);
        });
      const rows = database.sqlite
        .prepare("SELECT e.body, l.salts FROM events e JOIN merkle_leaves l USING (seq) ORDER BY e.seq")
        .raw();
      const rawRows = () =>
        rate(count, () => {
          for (const [body, salts] of rows.iterate() as IterableIterator<[string, Buffer]>) {
            createHash("sha256").update(salts).update(body).digest();
          }
        });
      results.push(
        report({
          name: "verify --tree",
          unit: "events/s",
          baselineLabel: "raw sha256 over the same rows",
          target: { minRatio: MIN_TREE_RATIO },
          ...(await alternateRounds(Math.min(rounds, 2), tree, rawRows)),
          detail: `${Math.min(rounds, 2)} rounds over ${count.toLocaleString("en-US")} events (same join, page cache warm)`,
        }),
      );
      return results;
    } finally {
      database.close();
    }
  });
}

if (isMain(import.meta.url)) {
  await runMerkleBench();
}
