import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "../helpers/cli.js";
import { query } from "../helpers/db.js";
import { tempDir } from "../helpers/temp.js";
import { ESCALATING, setupQueue } from "../review/setup.js";

async function setup() {
  const queue = await setupQueue([
    { id: "one", input: ESCALATING.high },
    { id: "two", input: ESCALATING.high },
  ]);
  const dir = tempDir();
  const tokenFile = (name: string, role: "reviewer" | "viewer" = "reviewer") => {
    const file = path.join(dir, `${name}.token`);
    fs.writeFileSync(file, `${queue.registry.add(name, role)}\n`);
    return file;
  };
  const decide = (caseKey: string, ...args: string[]) =>
    cli(["--db", queue.db, "decide", queue.ids[caseKey] ?? caseKey, ...args]);
  return { ...queue, tokenFile, decide };
}

const actors = (db: string, kind: string) =>
  query<{ body: string }>(db, "select body from events where kind = ? order by seq", kind).map(
    (r) => JSON.parse(r.body).actor as { id: string; authenticatedBy?: string },
  );

describe("crosscheck decide with reviewer tokens", () => {
  it("takes the reviewer from the token and records how they were authenticated", async () => {
    const { db, tokenFile, decide } = await setup();
    const alice = tokenFile("alice");
    const result = await decide("one", "--reject", "--reason", "a is right", "--token-file", alice);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(1);
    expect(query(db, "select reviewer, decision from human_decisions")).toEqual([
      { reviewer: "alice", decision: "reject" },
    ]);
    expect(actors(db, "human.decision")).toEqual([
      { type: "human", id: "alice", role: "reviewer", authenticatedBy: "token" },
    ]);
  });

  it("refuses a typed name once reviewers are registered, a wrong token, a mismatched name and a viewer", async () => {
    const { db, tokenFile, decide } = await setup();
    const alice = tokenFile("alice");
    const vera = tokenFile("vera", "viewer");
    const typed = await decide("one", "--accept", "--reason", "ok", "--reviewer", "alice");
    expect(typed.code).toBe(2);
    expect(typed.stderr).toMatch(/registered reviewers, so a decision needs your reviewer token/);
    const wrong = path.join(tempDir(), "wrong.token");
    fs.writeFileSync(wrong, "cct_not-a-real-token");
    expect((await decide("one", "--accept", "--reason", "ok", "--token-file", wrong)).stderr).toMatch(
      /the reviewer token is not valid/,
    );
    const mismatch = await decide(
      "one",
      "--accept",
      "--reason",
      "ok",
      "--token-file",
      alice,
      "--reviewer",
      "bob",
    );
    expect(mismatch.stderr).toMatch(/--reviewer bob does not match the token, which belongs to alice/);
    const viewer = await decide("one", "--accept", "--reason", "ok", "--token-file", vera);
    expect(viewer.code).toBe(2);
    expect(viewer.stderr).toMatch(/vera is a viewer and may not claim/);
    const missing = await decide("one", "--accept", "--reason", "ok", "--token-file", "/nonexistent/token");
    expect(missing.stderr).toMatch(/cannot read --token-file \/nonexistent\/token \(ENOENT\)/);
    expect(query(db, "select count(*) as n from human_decisions")).toEqual([{ n: 0 }]);
    // A refused decision leaves no claim behind.
    expect(query(db, "select count(*) as n from events where kind = 'escalation.claimed'")).toEqual([
      { n: 0 },
    ]);
  });

  it("reads the token from CROSSCHECK_REVIEWER_TOKEN", async () => {
    const { db, tokenFile, decide } = await setup();
    const token = fs.readFileSync(tokenFile("alice"), "utf8").trim();
    process.env["CROSSCHECK_REVIEWER_TOKEN"] = token;
    try {
      expect((await decide("one", "--accept", "--reason", "fine")).code).toBe(0);
    } finally {
      delete process.env["CROSSCHECK_REVIEWER_TOKEN"];
    }
    expect(query(db, "select reviewer from human_decisions")).toEqual([{ reviewer: "alice" }]);
  });
});

describe("second reviews and the overturn rate", () => {
  it("records agreeing and overturning second reviews and reports each reviewer's overturn rate", async () => {
    const { db, tokenFile, decide } = await setup();
    const alice = tokenFile("alice");
    const bob = tokenFile("bob");
    expect((await decide("one", "--reject", "--reason", "a is right", "--token-file", alice)).code).toBe(1);
    expect((await decide("two", "--accept", "--reason", "b is right", "--token-file", alice)).code).toBe(0);
    const agree = await decide("one", "--second", "--reject", "--reason", "same", "--token-file", bob);
    expect(agree.stdout).toBe(
      "second review recorded: bob agrees with alice's reject (the case's outcome stands)",
    );
    const overturn = await decide(
      "two",
      "--second",
      "--reject",
      "--reason",
      "missed it",
      "--token-file",
      bob,
    );
    expect(overturn.stdout).toMatch(/bob overturns alice's accept/);
    // The first outcome stands.
    expect(query(db, "select status from cases order by status")).toEqual([
      { status: "accepted" },
      { status: "rejected" },
    ]);
    const stats = await cli(["--db", db, "--json", "auditors", "stats"]);
    const reviewers = JSON.parse(stats.stdout).reviewers as Array<Record<string, unknown>>;
    expect(reviewers.find((r) => r["reviewer"] === "alice")).toMatchObject({
      decisions: 2,
      secondReviewed: 2,
      overturned: 1,
      overturnRate: 0.5,
      secondReviewsGiven: 0,
    });
    expect(reviewers.find((r) => r["reviewer"] === "bob")).toMatchObject({
      decisions: 0,
      secondReviewed: 0,
      overturnRate: null,
      secondReviewsGiven: 2,
    });
    expect(actors(db, "human.second-review").map((a) => `${a.id}/${a.authenticatedBy}`)).toEqual([
      "bob/token",
      "bob/token",
    ]);
  });

  it("refuses a second review by the first reviewer, twice by the same person, or of an undecided case", async () => {
    const { db, tokenFile, decide } = await setup();
    const alice = tokenFile("alice");
    const bob = tokenFile("bob");
    const early = await decide("one", "--second", "--accept", "--reason", "x", "--token-file", bob);
    expect(early.code).toBe(2);
    expect(early.stderr).toMatch(/has no human decision yet/);
    await decide("one", "--reject", "--reason", "a is right", "--token-file", alice);
    const self = await decide("one", "--second", "--reject", "--reason", "me again", "--token-file", alice);
    expect(self.stderr).toMatch(
      /alice made the first decision on case .*: a second review must come from another reviewer/,
    );
    expect((await decide("one", "--second", "--accept", "--reason", "hm", "--token-file", bob)).code).toBe(0);
    const again = await decide(
      "one",
      "--second",
      "--reject",
      "--reason",
      "changed my mind",
      "--token-file",
      bob,
    );
    expect(again.stderr).toMatch(/bob already gave case .* a second review/);
    expect(query(db, "select count(*) as n from events where kind = 'human.second-review'")).toEqual([
      { n: 1 },
    ]);
  });
});
