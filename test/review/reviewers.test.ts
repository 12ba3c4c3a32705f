import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/audit/database.js";
import { ReviewerRegistry } from "../../src/review/reviewers.js";
import { query } from "../helpers/db.js";
import { tempDb } from "../helpers/temp.js";

function setupRegistry() {
  const db = tempDb();
  const database = openDatabase(db);
  return { db, database, registry: new ReviewerRegistry(database) };
}

describe("reviewers", () => {
  it("authenticate by the token shown once, which is stored only as its SHA-256", () => {
    const { db, registry, database } = setupRegistry();
    const token = registry.add("alice", "reviewer");
    expect(token).toMatch(/^cct_[A-Za-z0-9_-]{43}$/);
    expect(registry.authenticate(token)).toEqual({ name: "alice", role: "reviewer" });
    const sha = createHash("sha256").update(token).digest("hex");
    expect(query(db, "select name, role, token_sha256 from reviewers")).toEqual([
      { name: "alice", role: "reviewer", token_sha256: sha },
    ]);
    const logged = query<{ body: string }>(db, "select body from events where kind = 'reviewer.added'");
    expect(logged[0]?.body).not.toContain(token);
    database.close();
  });

  it("reject a wrong, malformed or revoked token", () => {
    const { registry, database } = setupRegistry();
    const token = registry.add("alice");
    expect(registry.authenticate(`${token}x`)).toBeUndefined();
    expect(registry.authenticate("alice")).toBeUndefined();
    registry.revoke("alice");
    expect(registry.authenticate(token)).toBeUndefined();
    expect(registry.active("alice")).toBeUndefined();
    database.close();
  });

  it("rotate the token and role when a reviewer is added again", () => {
    const { registry, database } = setupRegistry();
    const first = registry.add("vera", "viewer");
    const second = registry.add("vera", "reviewer");
    expect(registry.authenticate(first)).toBeUndefined();
    expect(registry.authenticate(second)).toEqual({ name: "vera", role: "reviewer" });
    database.close();
  });

  it("refuse a bad name or role, naming the field and the fix", () => {
    const { registry, database } = setupRegistry();
    expect(() => registry.add("<script>")).toThrow(/reviewer name is invalid: .*letters, digits/);
    expect(() => registry.add("ok", "admin" as never)).toThrow(/--role \(viewer or reviewer\) is invalid/);
    expect(() => registry.revoke("nobody")).toThrow(/no active reviewer named "nobody"/);
    database.close();
  });
});
