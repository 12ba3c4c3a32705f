/**
 * verifyLog speed on a large log (default 1,000,000 events), beside a raw loop over the same
 * rows that only recomputes each sha256 link, in the same process.
 *
 * The log is built fast but valid: rows go straight in with raw better-sqlite3 in big
 * transactions (secondary indexes dropped during the load and rebuilt after, so the file ends
 * with the real schema), bodies come from a template checked against `canonicalBody`, and
 * hashes come from the real `eventHash` of src/audit/chain.ts. verifyLog must say ok.
 *
 * Env: BENCH_VERIFY_EVENTS (default 1 000 000), BENCH_VERIFY_ROUNDS (default 2).
 */
import { createHash, randomUUID } from "node:crypto";
import path from "node:path";
import { canonicalBody, eventHash, GENESIS_HASH } from "../src/audit/chain.js";
import { eventRow, INSERT_EVENT_SQL } from "../src/audit/event-row.js";
import type { Actor, EventBody } from "../src/audit/events.js";
import { verifyLog } from "../src/audit/verify.js";
import { type CrosscheckDatabase, openDatabase } from "../src/index.js";
import { alternateRounds, type BenchResult, envCount, isMain, rate, report, withTempDir } from "./support.js";

const TARGET_EVENTS_PER_SECOND = 200_000;
const ROWS_PER_TRANSACTION = 50_000;
/** Events per case and cases per run in the generated log. */
const EVENTS_PER_CASE = 8;
const CASES_PER_RUN = 1_000;
/** Bodies checked against canonicalBody before trusting the template. */
const TEMPLATE_CHECKS = 2_000;
const AUDITORS = ["totals", "dates", "vendor"] as const;

interface GeneratedRow {
  body: EventBody;
  text: string;
}

/** Builds event bodies and their canonical JSON without the (slow, general) canonicalizer. */
function rowGenerator() {
  const actors = AUDITORS.map(
    (id): Actor => ({ type: "agent", id, role: "auditor", model: "scripted", version: "1" }),
  );
  const actorJson = actors.map((actor) => canonicalBody(actor as unknown as EventBody));
  let runId = randomUUID();
  let caseId = randomUUID();
  let ts = Date.UTC(2025, 0, 1);
  return (seq: number): GeneratedRow => {
    const index = seq - 1;
    if (index % (EVENTS_PER_CASE * CASES_PER_RUN) === 0) runId = randomUUID();
    if (index % EVENTS_PER_CASE === 0) caseId = randomUUID();
    ts += 3;
    const which = index % AUDITORS.length;
    const auditor = AUDITORS[which] as string;
    const id = randomUUID();
    const durationMs = index % 997;
    const confidence = (index % 100) / 100;
    const rationale = `checked ${seq}: totals match the receipt lines and the policy limit`;
    const payload = {
      durationMs,
      verdict: { auditor, confidence, decision: "pass", findings: [], rationale, round: 0 },
    };
    const body: EventBody = {
      seq,
      id,
      ts,
      kind: "auditor.verdict",
      runId,
      caseId,
      node: "audit",
      actor: actors[which] as Actor,
      payload,
    };
    const text =
      `{"actor":${actorJson[which]},"caseId":"${caseId}","id":"${id}","kind":"auditor.verdict","node":"audit",` +
      `"payload":{"durationMs":${durationMs},"verdict":{"auditor":"${auditor}","confidence":${confidence},` +
      `"decision":"pass","findings":[],"rationale":${JSON.stringify(rationale)},"round":0}},` +
      `"runId":"${runId}","seq":${seq},"ts":${ts}}`;
    return { body, text };
  };
}

/** Fills `database` with `count` chained events. Returns the seconds it took. */
export function buildLog(database: CrosscheckDatabase, count: number): number {
  const started = performance.now();
  const sqlite = database.sqlite;
  const indexes = sqlite
    .prepare(
      "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' AND sql IS NOT NULL",
    )
    .all() as Array<{ name: string; sql: string }>;
  for (const { name } of indexes) sqlite.exec(`DROP INDEX "${name}"`);
  sqlite.pragma("synchronous = OFF");
  const insert = sqlite.prepare(INSERT_EVENT_SQL);
  const next = rowGenerator();
  let prevHash = GENESIS_HASH;
  let seq = 0;
  const load = sqlite.transaction((rows: number) => {
    for (let i = 0; i < rows; i++) {
      seq++;
      const { body, text } = next(seq);
      if (seq <= TEMPLATE_CHECKS && canonicalBody(body) !== text) {
        throw new Error(
          `verify bench: the body template is not canonical at event ${seq}:\n${text}\n${canonicalBody(body)}`,
        );
      }
      const hash = eventHash(prevHash, text);
      const key = `${body.caseId}/audit:${(body.payload as { verdict: { auditor: string } }).verdict.auditor}/${seq}/auditor.verdict`;
      insert.run(...eventRow(body, key, text, prevHash, hash));
      prevHash = hash;
    }
  });
  while (seq < count) load(Math.min(ROWS_PER_TRANSACTION, count - seq));
  for (const { sql } of indexes) sqlite.exec(sql);
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  return (performance.now() - started) / 1000;
}

/** The floor: read the same rows in seq order and recompute each sha256 link, nothing else. */
function rawHashLoop(database: CrosscheckDatabase): number {
  const rows = database.sqlite
    .prepare(
      "SELECT seq, id, ts, kind, run_id, case_id, node, body, prev_hash, hash FROM events ORDER BY seq",
    )
    .raw()
    .iterate() as IterableIterator<
    [number, string, number, string, string, string, string, string, string, string]
  >;
  let prev = GENESIS_HASH;
  let checked = 0;
  for (const row of rows) {
    const hash = createHash("sha256").update(`${prev}\n${row[7]}`).digest("hex");
    if (hash !== row[9]) throw new Error(`verify bench: raw loop found a broken link at event ${row[0]}`);
    prev = hash;
    checked++;
  }
  return checked;
}

export async function runVerifyBench(): Promise<BenchResult[]> {
  const count = envCount("BENCH_VERIFY_EVENTS", 1_000_000);
  const rounds = envCount("BENCH_VERIFY_ROUNDS", 2);
  return withTempDir("verify", async (dir) => {
    const database = openDatabase(path.join(dir, "crosscheck.db"));
    try {
      const buildSeconds = buildLog(database, count);
      console.log(
        `  verify: built a ${count.toLocaleString("en-US")}-event log in ${buildSeconds.toFixed(1)} s`,
      );
      const verify = () =>
        rate(count, () => {
          const result = verifyLog(database);
          if (!result.ok || result.checked !== count) {
            throw new Error(
              `verify bench: verifyLog did not pass the generated log: ${JSON.stringify(result)}`,
            );
          }
        });
      const raw = () =>
        rate(count, () => {
          if (rawHashLoop(database) !== count)
            throw new Error("verify bench: raw loop saw a different count");
        });
      const result = report({
        name: "verify",
        unit: "events/s",
        baselineLabel: "raw sha256 loop",
        target: { minRate: TARGET_EVENTS_PER_SECOND },
        ...(await alternateRounds(rounds, verify, raw)),
        detail: `${rounds} rounds over ${count.toLocaleString("en-US")} events (same SELECT, page cache warm)`,
      });
      return [result];
    } finally {
      database.close();
    }
  });
}

if (isMain(import.meta.url)) {
  await runVerifyBench();
}
