import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "../helpers/cli.js";
import { query } from "../helpers/db.js";
import { tempDb, tempDir } from "../helpers/temp.js";

const WORKFLOW = "test/fixtures/workflows/scripted.ts";

function setupRun() {
  const db = tempDb();
  const dir = tempDir();
  const tasksFile = (lines: unknown[]) => {
    const file = path.join(dir, `tasks-${Math.random().toString(36).slice(2)}.jsonl`);
    fs.writeFileSync(file, `${lines.map((l) => JSON.stringify(l)).join("\n")}\n`);
    return file;
  };
  const run = (...args: string[]) => cli(["--db", db, ...args]);
  return { db, dir, tasksFile, run };
}

describe("crosscheck run", () => {
  it("runs a JSON Lines file and exits 0 when every case is accepted", async () => {
    const { run, tasksFile } = setupRun();
    const file = tasksFile([
      { id: "one", input: {} },
      { id: "two", input: { content: "x" } },
    ]);
    const result = await run("run", WORKFLOW, "--input", file);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/accepted\s+one/);
    expect(result.stdout).toMatch(/accepted\s+two/);
  });

  it("prints one JSON result per task in input order with --json", async () => {
    const { run, tasksFile } = setupRun();
    const file = tasksFile([
      { id: "slow", input: { sleepMs: 80 } },
      { id: "rejected", input: { a: "critical", b: "fail" } },
      { id: "fast", input: {} },
    ]);
    const result = await run("--json", "run", WORKFLOW, "--input", file, "--concurrency", "3");
    const lines = result.stdout.split("\n").map((l) => JSON.parse(l));
    expect(lines.map((l) => l.taskId)).toEqual(["slow", "rejected", "fast"]);
    expect(lines.map((l) => l.outcome)).toEqual(["accepted", "rejected", "accepted"]);
    expect(result.code).toBe(1);
  });

  it("reads one task from stdin with --input - and exits 3 when it escalates", async () => {
    const { db } = setupRun();
    const result = await cli(
      ["--db", db, "run", WORKFLOW, "--input", "-"],
      JSON.stringify({ input: { a: "low" } }, null, 2),
    );
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(/escalated/);
    expect(result.stdout).toMatch(/crosscheck decide \S+ --accept\|--reject/);
  });

  it("exits 2 with a one-line error naming the line of a malformed task file, and writes nothing", async () => {
    const { run, dir, db } = setupRun();
    const file = path.join(dir, "bad.jsonl");
    fs.writeFileSync(file, '{"input":{}}\n{"input": oops}\n');
    const result = await run("run", WORKFLOW, "--input", file);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/line 2 is not valid JSON/);
    expect(result.stderr.split("\n")).toHaveLength(1);
    expect(fs.existsSync(db)).toBe(false);
  });

  it("exits 2 naming the field of a task that does not fit the workflow, and writes nothing", async () => {
    const { run, tasksFile, db } = setupRun();
    const result = await run("run", WORKFLOW, "--input", tasksFile([{ input: {} }, { input: { a: 5 } }]));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/task 2 input is invalid for workflow scripted: a:/);
    expect(fs.existsSync(db) ? query(db, "select * from events") : []).toEqual([]);
  });

  it("exits 2 for a task without input", async () => {
    const { run, tasksFile } = setupRun();
    const result = await run("run", WORKFLOW, "--input", tasksFile([{ id: "x" }]));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/input: input is required/);
  });

  it("exits 2 for a workflow file that does not exist, does not export a workflow, or fails to define one", async () => {
    const { run, tasksFile } = setupRun();
    const file = tasksFile([{ input: {} }]);
    const missing = await run("run", "nope/missing.ts", "--input", file);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/workflow file nope\/missing.ts does not exist/);
    const notWorkflow = await run("run", "test/fixtures/workflows/not-a-workflow.ts", "--input", file);
    expect(notWorkflow.code).toBe(2);
    expect(notWorkflow.stderr).toMatch(/must export a workflow made by defineWorkflow/);
    const broken = await run("run", "test/fixtures/workflows/broken.ts", "--input", file);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/needs at least one auditor/);
  });

  it("exits 2 for a bad flag value", async () => {
    const { run, tasksFile } = setupRun();
    const result = await run("run", WORKFLOW, "--input", tasksFile([{ input: {} }]), "--concurrency", "zero");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--concurrency must be a whole number/);
    const noInput = await run("run", WORKFLOW);
    expect(noInput.code).toBe(2);
    expect(noInput.stderr).toMatch(/--input/);
  });
});

describe("crosscheck decide", () => {
  it("refuses a decision without --reviewer, --reason, or exactly one of --accept/--reject", async () => {
    const { run } = setupRun();
    expect((await run("decide", "c1", "--accept", "--reason", "x")).stderr).toMatch(/--reviewer/);
    expect((await run("decide", "c1", "--accept", "--reviewer", "x")).stderr).toMatch(/--reason/);
    const both = await run("decide", "c1", "--accept", "--reject", "--reviewer", "x", "--reason", "y");
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/exactly one of --accept or --reject/);
  });

  it("exits 2 for an unknown case", async () => {
    const { run, tasksFile } = setupRun();
    await run("run", WORKFLOW, "--input", tasksFile([{ input: {} }]));
    const result = await run("decide", "no-such-case", "--accept", "--reviewer", "ann", "--reason", "ok");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/case no-such-case is not in the review queue/);
  });
});
