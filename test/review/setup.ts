import fs from "node:fs";
import path from "node:path";
import { afterEach } from "vitest";
import { type CrosscheckDatabase, openDatabase } from "../../src/audit/database.js";
import { AuditLog } from "../../src/audit/log.js";
import { ReviewerRegistry } from "../../src/review/reviewers.js";
import { WorkflowCache } from "../../src/review/workflow-module.js";
import { cli } from "../helpers/cli.js";
import { tempDb, tempDir } from "../helpers/temp.js";

/** The scripted test workflow: each task's input says what every auditor does. */
export const WORKFLOW = "test/fixtures/workflows/scripted.ts";

/** Scripts that escalate: auditors a and b disagree, c is unsure. */
export const ESCALATING = {
  /** a raises a high finding, b passes, c abstains: no majority. */
  high: { a: "fail", b: "pass", c: "abstain" },
  /** a blocks with a critical finding, b passes, c abstains. */
  critical: { a: "critical", b: "pass", c: "abstain" },
  /** Everyone passes but a is unsure: the confidence floor escalates, with no finding. */
  unsure: { a: "low" },
} as const;

const open: Array<{ database: CrosscheckDatabase; cache: WorkflowCache }> = [];
afterEach(async () => {
  for (const { database, cache } of open.splice(0)) {
    await cache.close();
    database.close();
  }
});

/**
 * A database holding escalated cases of the scripted workflow (one per task, in order), and the
 * review objects bound to it. `ids` maps each task id to its case id. Everything is removed after
 * the test, unless `dir` is given (for a `beforeAll`): then the caller calls `close()` and removes it.
 */
export async function setupQueue(
  tasks: Array<{ id: string; input: Record<string, unknown> }>,
  options: { dir?: string; workflow?: string } = {},
) {
  const { dir, workflow = WORKFLOW } = options;
  const db = dir === undefined ? tempDb() : path.join(dir, "audit.db");
  const file = path.join(dir ?? tempDir(), "tasks.jsonl");
  fs.writeFileSync(file, `${tasks.map((t) => JSON.stringify(t)).join("\n")}\n`);
  const run = await cli(["--db", db, "--json", "run", workflow, "--input", file]);
  if (run.stdout === "") throw new Error(`the scripted run failed: ${run.stderr}`);
  const results = run.stdout
    .split("\n")
    .map((line) => JSON.parse(line) as { taskId: string; caseId: string });
  const ids = Object.fromEntries(results.map((r) => [r.taskId, r.caseId])) as Record<string, string>;
  const database = openDatabase(db);
  const cache = new WorkflowCache();
  if (dir === undefined) open.push({ database, cache });
  const log = new AuditLog(database);
  const registry = new ReviewerRegistry(database, log);
  return {
    db,
    database,
    log,
    registry,
    cache,
    ids,
    workflow: (caseId: string) => cache.forCase(database, caseId),
    close: async () => {
      await cache.close();
      database.close();
    },
  };
}
