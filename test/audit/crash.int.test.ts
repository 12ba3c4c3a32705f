import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/audit/database.js";
import { verifyTree } from "../../src/audit/merkle/verify-tree.js";
import { verifyLog } from "../../src/audit/verify.js";
import { generateKeyFiles } from "../../src/security/keys.js";
import { parseVerifierKey, verifyCheckpoint } from "../../src/verifier/note.js";
import { tempDir } from "../helpers/temp.js";

const WRITER = fileURLToPath(new URL("./fixtures/crash-writer.ts", import.meta.url));
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** Writer processes killed with SIGKILL, one after the other, on the same database. */
const KILLS = 12;

/** mulberry32: a small seeded generator, so a failing run can be replayed with its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Committed {
  prefix: string;
  size: number;
  lastSeq: number;
}

interface Writer {
  /** Lets the writer open the database and append; resolves when it is dead. */
  go(
    batches: number,
    extraMs: number,
  ): Promise<{ committed: Committed[]; signal: NodeJS.Signals | null; stderr: string }>;
}

/**
 * Starts a writer process that loads and waits. `go` lets it append, and once it has reported
 * `batches` committed batches and `extraMs` more ms have passed, kills it with SIGKILL
 * (mid-transaction more often than not).
 */
function startWriter(file: string, generation: number, env: NodeJS.ProcessEnv): Writer {
  const child = spawn(process.execPath, ["--import", "tsx", WRITER, file, String(generation)], {
    cwd: ROOT,
    env,
    stdio: ["pipe", "pipe", "pipe"],
  });
  const committed: Committed[] = [];
  let buffered = "";
  let stderr = "";
  let target = Number.POSITIVE_INFINITY;
  let delay = 0;
  let killing = false;
  child.stderr.on("data", (d) => {
    stderr += d;
  });
  child.stdout.on("data", (d) => {
    buffered += d;
    const lines = buffered.split("\n");
    buffered = lines.pop() ?? "";
    for (const line of lines) {
      const match = /^committed (\S+) (\d+) (\d+)$/.exec(line);
      if (match !== null) {
        committed.push({ prefix: match[1] as string, size: Number(match[2]), lastSeq: Number(match[3]) });
      }
    }
    if (!killing && committed.length >= target) {
      killing = true;
      setTimeout(() => child.kill("SIGKILL"), delay);
    }
  });
  const closed = new Promise<{ committed: Committed[]; signal: NodeJS.Signals | null; stderr: string }>(
    (resolve, reject) => {
      child.on("error", reject);
      child.on("close", (_code, signal) => resolve({ committed, signal, stderr }));
    },
  );
  return {
    go(batches, extraMs) {
      target = batches;
      delay = extraMs;
      child.stdin.write("go\n");
      return closed;
    },
  };
}

describe("a writer killed with SIGKILL during heavy appends", () => {
  it(`leaves a log that verifies, with every committed batch whole and nothing duplicated (${KILLS} kills)`, async () => {
    const seed = Number(process.env["CRASH_SEED"] ?? Date.now() % 1_000_000);
    const next = random(seed);
    const dir = tempDir();
    const file = path.join(dir, "crosscheck.db");
    const keys = generateKeyFiles(path.join(dir, "keys"), "log", "example.com/log");
    const env = { ...process.env, CROSSCHECK_LOG_KEY: keys.privateKeyPath };
    const verifier = parseVerifierKey(fs.readFileSync(keys.publicKeyPath, "utf8"));
    const reported: Committed[] = [];
    let previousEvents = 0;
    let writer = startWriter(file, 0, env);
    for (let generation = 0; generation < KILLS; generation++) {
      const where = `seed ${seed} (replay with CRASH_SEED=${seed}), kill ${generation + 1}`;
      const running = writer.go(1 + Math.floor(next() * 6), Math.floor(next() * 15));
      // The next writer loads while this one runs and the log is checked.
      writer = startWriter(file, generation + 1, env);
      const run = await running;
      expect(run.signal, `${where}: the writer ended by itself: ${run.stderr}`).toBe("SIGKILL");
      reported.push(...run.committed);

      const database = openDatabase(file);
      try {
        const sqlite = database.sqlite;
        const count = sqlite.prepare("SELECT count(*) FROM events").pluck().get() as number;
        // The chain verifies up to its last committed event, and the tree matches the events.
        expect(verifyLog(database, { threads: 1 }), where).toMatchObject({
          ok: true,
          checked: count,
          lastSeq: count,
        });
        expect(verifyTree(sqlite), where).toMatchObject({ ok: true, leaves: count });
        // Every signed checkpoint is a valid note of this log's key.
        for (const note of sqlite.prepare("SELECT note FROM log_checkpoints").pluck().all() as string[]) {
          expect(() => verifyCheckpoint(note, verifier), where).not.toThrow();
        }
        // No committed event lost: every batch the writers reported is there, whole, at the seqs reported.
        for (const batch of reported) {
          const [n, last] = sqlite
            .prepare("SELECT count(*), max(seq) FROM events WHERE idem_key LIKE ? || ':%'")
            .raw()
            .get(batch.prefix) as [number, number];
          expect([batch.prefix, n, last], where).toEqual([batch.prefix, batch.size, batch.lastSeq]);
        }
        // Batches committed but not reported before the kill are whole too (a batch is one transaction),
        // and no key appears twice.
        const partial = sqlite
          .prepare(
            "SELECT substr(idem_key, 1, instr(substr(idem_key, instr(idem_key, ':') + 1), ':') + instr(idem_key, ':') - 1) AS prefix, count(*) AS n, max(json_extract(body, '$.payload.events')) AS size FROM events GROUP BY prefix HAVING n != size",
          )
          .all();
        expect(partial, where).toEqual([]);
        const distinct = sqlite.prepare("SELECT count(DISTINCT idem_key) FROM events").pluck().get();
        expect(distinct, where).toBe(count);
        expect(count, where).toBeGreaterThanOrEqual(previousEvents);
        previousEvents = count;
      } finally {
        database.close();
      }
    }
    await writer.go(0, 0); // the spare writer: killed after its first batch
    expect(reported.length).toBeGreaterThanOrEqual(KILLS);
  }, 60_000);
});
