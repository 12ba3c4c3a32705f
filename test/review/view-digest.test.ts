import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import { describe, expect, it } from "vitest";
import type { CrosscheckDatabase } from "../../src/audit/database.js";
import { caseView } from "../../src/review/case-view.js";
import { claimCase } from "../../src/review/claims.js";
import { decideCase } from "../../src/review/decide.js";
import { cli } from "../helpers/cli.js";
import { ESCALATING, setupQueue } from "./setup.js";

const alice = { name: "alice", role: "reviewer" } as const;
const NOW = Date.UTC(2030, 0, 1);

/** Reference digest: the canonicalize package (RFC 8785) and node:crypto, not the code under test. */
function referenceDigest(value: unknown): string {
  return createHash("sha256")
    .update(canonicalize(value) ?? "")
    .digest("hex");
}

function decisionPayload(database: CrosscheckDatabase, caseId: string) {
  const body = database.sqlite
    .prepare("SELECT body FROM events WHERE case_id = ? AND kind = 'human.decision'")
    .pluck()
    .get(caseId) as string;
  return (JSON.parse(body) as { payload: { viewDigest?: string } }).payload;
}

describe("what the reviewer saw", () => {
  it("records the digest of the case view shown on the decision, and audit show prints it", async () => {
    const { db, database, ids, log, workflow } = await setupQueue([{ id: "high", input: ESCALATING.high }]);
    const caseId = ids["high"] ?? "";
    claimCase(log, database, caseId, alice, { now: NOW });
    const shown = caseView(database, caseId, NOW);
    const expected = referenceDigest(JSON.parse(JSON.stringify(shown)));
    await decideCase(
      log,
      database,
      caseId,
      alice,
      { decision: "reject", reason: "saw it" },
      { now: NOW + 1000, view: shown, workflow },
    );
    expect(decisionPayload(database, caseId).viewDigest).toBe(expected);
    const show = await cli(["--db", db, "audit", "show", caseId]);
    expect(show.stdout).toContain(`case view shown: sha256 ${expected}`);
  });

  it("takes a digest sent back by the web form, refuses a malformed one before writing, and stays optional", async () => {
    const { database, ids, log, workflow } = await setupQueue([
      { id: "one", input: ESCALATING.high },
      { id: "two", input: ESCALATING.critical },
    ]);
    const one = ids["one"] ?? "";
    const two = ids["two"] ?? "";
    claimCase(log, database, one, alice, { now: NOW });
    const decide = (caseId: string, view?: { digest: string }) =>
      decideCase(
        log,
        database,
        caseId,
        alice,
        { decision: "accept", reason: "fine" },
        { now: NOW + 1000, workflow, ...(view === undefined ? {} : { view }) },
      );
    await expect(decide(one, { digest: "not-a-digest" })).rejects.toMatchObject({ code: "USAGE" });
    expect(getDecisionCount(database, one)).toBe(0);
    await decide(one, { digest: "a".repeat(64) });
    expect(decisionPayload(database, one).viewDigest).toBe("a".repeat(64));
    claimCase(log, database, two, alice, { now: NOW });
    await decide(two);
    expect(decisionPayload(database, two)).not.toHaveProperty("viewDigest");
  });
});

function getDecisionCount(database: CrosscheckDatabase, caseId: string): number {
  return database.sqlite
    .prepare("SELECT count(*) FROM events WHERE case_id = ? AND kind = 'human.decision'")
    .pluck()
    .get(caseId) as number;
}
