import { describe, expect, it } from "vitest";
import { claimCase } from "../../src/review/claims.js";
import { decideCase } from "../../src/review/decide.js";
import { cli, cliProcess } from "../helpers/cli.js";
import { ESCALATING, setupQueue } from "../review/setup.js";

const alice = { name: "alice", role: "reviewer" } as const;

describe("crosscheck reviewers", () => {
  it("adds a reviewer, prints the token once, lists and revokes them", async () => {
    const { db } = await setupQueue([{ id: "fine", input: {} }]);
    const added = await cli(["--db", db, "--json", "reviewers", "add", "alice", "--role", "viewer"]);
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({
      name: "alice",
      role: "viewer",
      token: expect.stringMatching(/^cct_/),
    });
    expect((await cli(["--db", db, "reviewers", "list"])).stdout).toMatch(/^alice\s+viewer\s+active$/);
    expect((await cli(["--db", db, "reviewers", "revoke", "alice"])).code).toBe(0);
    expect((await cli(["--db", db, "reviewers", "list"])).stdout).toMatch(/^alice\s+viewer\s+revoked /);
  });

  it("exits 2 naming the field for a bad role or an unknown reviewer", async () => {
    const { db } = await setupQueue([{ id: "fine", input: {} }]);
    const role = await cli(["--db", db, "reviewers", "add", "bob", "--role", "admin"]);
    expect(role.code).toBe(2);
    expect(role.stderr).toMatch(/--role \(viewer or reviewer\) is invalid/);
    const revoke = await cli(["--db", db, "reviewers", "revoke", "nobody"]);
    expect(revoke.code).toBe(2);
    expect(revoke.stderr).toMatch(/no active reviewer named "nobody"/);
  });
});

describe("crosscheck review", () => {
  it("without a terminal, exits 2 and points to --list and crosscheck decide", async () => {
    const { db } = await setupQueue([{ id: "c", input: ESCALATING.high }]);
    const result = await cli(["--db", db, "review"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/needs a terminal: list the queue with `crosscheck review --list`/);
    expect(result.stderr).toMatch(/crosscheck decide <case-id> --accept\|--reject/);
  });

  it("lists the waiting cases with --list, filtered by workflow", async () => {
    const { db, ids } = await setupQueue([
      { id: "unsure", input: ESCALATING.unsure },
      { id: "critical", input: ESCALATING.critical },
    ]);
    const listed = await cli(["--db", db, "--json", "review", "--list"]);
    expect(JSON.parse(listed.stdout).map((i: { caseId: string }) => i.caseId)).toEqual([
      ids["critical"],
      ids["unsure"],
    ]);
    expect((await cli(["--db", db, "review", "--list", "--workflow", "other"])).stdout).toBe(
      "no case waits for a decision",
    );
  });
});

describe("crosscheck auditors stats", () => {
  it("prints each auditor's agreement with the human decisions", async () => {
    const { db, database, ids, log, workflow } = await setupQueue([{ id: "c", input: ESCALATING.high }]);
    const caseId = ids["c"] ?? "";
    claimCase(log, database, caseId, alice);
    await decideCase(
      log,
      database,
      caseId,
      alice,
      { decision: "reject", reason: "a is right" },
      { workflow },
    );
    const result = await cli(["--db", db, "auditors", "stats"]);
    // a failed where the human rejected: one class each, so chance agreement is 1 and kappa undefined.
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^a\s+\S*\s+1\s+1\s+0\s+1\.00\s+n\/a$/m);
    // b passed where the human rejected: observed agreement 0, chance 0 (b never says fail), kappa 0.
    expect(result.stdout).toMatch(/^b\s+\S*\s+1\s+0\s+0\s+0\.00\s+0\.00$/m);
    expect(result.stdout).toMatch(/test: upheld 1, overturned 0/);
  });
});

describe("crosscheck serve", () => {
  it("serves the review page on loopback until it is stopped", async () => {
    const { db } = await setupQueue([{ id: "c", input: ESCALATING.high }]);
    const { child, done } = cliProcess(["--db", db, "serve", "--port", "0"]);
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (d: Buffer) => {
        const match = /review page: (http:\/\/127\.0\.0\.1:\d+)\//.exec(String(d));
        if (match?.[1] !== undefined) resolve(match[1]);
      });
      child.on("close", () => reject(new Error("serve exited early")));
    });
    expect((await fetch(`${url}/login`)).status).toBe(200);
    child.kill("SIGTERM");
    expect((await done).code).toBe(0);
  }, 30_000);

  it("exits 2 for a bad port", async () => {
    const { db } = await setupQueue([{ id: "fine", input: {} }]);
    const result = await cli(["--db", db, "serve", "--port", "http"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--port must be a whole number from 0 to 65535, got "http"/);
  });
});
