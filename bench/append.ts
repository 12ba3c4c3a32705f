/**
 * AuditLog.append throughput: N events appended in batches, beside raw better-sqlite3 batched
 * inserts of the same rows into an identical `events` table (same DDL, same pragmas). The
 * baseline does the same per-event work the chain needs (a UUID, the canonical JSON body, the
 * sha256 link) and nothing else: no validation, no idempotency lookup, no projections.
 *
 * Env: BENCH_APPEND_EVENTS (default 50 000), BENCH_APPEND_BATCH (events per call, default 100),
 * BENCH_APPEND_ROUNDS (default 3).
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { canonicalBody, eventHash, GENESIS_HASH } from "../src/audit/chain.js";
import { eventRow, INSERT_EVENT_SQL } from "../src/audit/event-row.js";
import type { Actor, EventBody, NewEvent } from "../src/audit/events.js";
import { AuditLog, openDatabase } from "../src/index.js";
import { type BenchResult, envCount, isMain, type Rounds, rate, report, withTempDir } from "./support.js";

const TARGET_RATIO = 0.5;
const MIGRATIONS = fileURLToPath(new URL("../src/audit/migrations", import.meta.url));
const RETRIEVER: Actor = { type: "agent", id: "ground-truth", role: "retriever", version: "1" };
const EVENTS_PER_CASE = 10;

/**
 * A realistic event of a kind without a projection (`evidence.retrieved`), so both sides write
 * exactly one row per event.
 */
function makeEvents(count: number, runId: string): NewEvent[] {
  const events: NewEvent[] = [];
  let caseId = randomUUID();
  for (let i = 0; i < count; i++) {
    if (i % EVENTS_PER_CASE === 0) caseId = randomUUID();
    events.push({
      kind: "evidence.retrieved",
      key: `${caseId}/retrieve/${i % EVENTS_PER_CASE}/evidence.retrieved`,
      runId,
      caseId,
      node: "retrieve",
      actor: RETRIEVER,
      payload: {
        evidence: [0, 1, 2].map((k) => ({
          id: `doc-${i}-${k}`,
          source: "policies/expenses.md",
          contentHash: "c".repeat(64),
          score: 0.9 - k / 10,
        })),
        params: { store: "embedded", collection: "policies", k: 3 },
      },
    });
  }
  return events;
}

/** The `events` DDL of the committed migrations (table and its indexes), for the raw baseline. */
function eventsDdl(): string[] {
  return fs
    .readdirSync(MIGRATIONS)
    .filter((file) => file.endsWith(".sql"))
    .sort()
    .flatMap((file) => fs.readFileSync(path.join(MIGRATIONS, file), "utf8").split("--> statement-breakpoint"))
    .map((statement) => statement.trim())
    .filter((statement) => /(TABLE|ON) `events`/.test(statement));
}

/** Raw better-sqlite3: the log's INSERT of the same rows, one BEGIN IMMEDIATE transaction per batch. */
function rawAppender(file: string) {
  const sqlite = new Database(file);
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  for (const statement of eventsDdl()) sqlite.exec(statement);
  const insert = sqlite.prepare(INSERT_EVENT_SQL);
  let seq = 0;
  let prevHash = GENESIS_HASH;
  const write = sqlite.transaction((events: readonly NewEvent[]) => {
    for (const event of events) {
      seq++;
      const body: EventBody = {
        seq,
        id: randomUUID(),
        ts: Date.now(),
        kind: event.kind,
        runId: event.runId,
        caseId: event.caseId ?? null,
        node: event.node ?? null,
        actor: event.actor,
        payload: event.payload,
      };
      const text = canonicalBody(body);
      const hash = eventHash(prevHash, text);
      insert.run(...eventRow(body, event.key, text, prevHash, hash));
      prevHash = hash;
    }
  });
  return {
    append: (events: readonly NewEvent[]) => write.immediate(events),
    close: () => sqlite.close(),
  };
}

function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** One timed round on fresh files: events/s of AuditLog.append and of the raw baseline. */
async function round(
  dir: string,
  name: string,
  events: readonly NewEvent[],
  batch: number,
  crosscheckFirst: boolean,
): Promise<{ ours: number; baseline: number }> {
  const split = batches(events, batch);
  const database = openDatabase(path.join(dir, `${name}-crosscheck.db`));
  const log = new AuditLog(database);
  const raw = rawAppender(path.join(dir, `${name}-raw.db`));
  try {
    const ours = () =>
      rate(events.length, () => {
        for (const part of split) log.append(part);
      });
    const theirs = () =>
      rate(events.length, () => {
        for (const part of split) raw.append(part);
      });
    if (crosscheckFirst) {
      const a = await ours();
      return { ours: a, baseline: await theirs() };
    }
    const b = await theirs();
    return { ours: await ours(), baseline: b };
  } finally {
    database.close();
    raw.close();
  }
}

export async function runAppendBench(): Promise<BenchResult[]> {
  const count = envCount("BENCH_APPEND_EVENTS", 50_000);
  const batch = envCount("BENCH_APPEND_BATCH", 100);
  const rounds = envCount("BENCH_APPEND_ROUNDS", 3);
  return withTempDir("append", async (dir) => {
    await round(dir, "warmup", makeEvents(Math.min(count, 5_000), randomUUID()), batch, true);
    const measured: Rounds = { ours: [], baseline: [] };
    for (let r = 0; r < rounds; r++) {
      const one = await round(dir, `round${r}`, makeEvents(count, randomUUID()), batch, r % 2 === 0);
      measured.ours.push(one.ours);
      measured.baseline.push(one.baseline);
    }
    const result = report({
      name: "append",
      unit: "events/s",
      baselineLabel: "raw better-sqlite3",
      target: { minRatio: TARGET_RATIO },
      ...measured,
      detail: `${rounds} rounds x ${count.toLocaleString("en-US")} evidence.retrieved events, ${batch} per append; baseline computes the same uuid + canonical JSON + sha256 and only inserts (no validation, idempotency lookup or projections)`,
    });
    return [result];
  });
}

if (isMain(import.meta.url)) {
  await runAppendBench();
}
