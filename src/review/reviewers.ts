import { randomBytes, randomUUID } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { CrosscheckDatabase } from "../audit/database.js";
import { type Actor, LOG_RUN_ID } from "../audit/events.js";
import { AuditLog } from "../audit/log.js";
import { REVIEWER_ROLES, reviewers } from "../audit/schema.js";
import { parseWith } from "../domain/parse.js";
import { CrosscheckError } from "../errors.js";
import { sha256Hex } from "../internal/sha256.js";

export const ReviewerRoleSchema = z.enum(REVIEWER_ROLES);
/** `viewer` reads the queue and the cases; `reviewer` also claims and decides. */
export type ReviewerRole = z.infer<typeof ReviewerRoleSchema>;

export const ReviewerNameSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/,
    "must be 1-64 letters, digits, '.', '_', '@' or '-' (e.g. alice)",
  );

/** Someone the review tools know, as authenticated by their token. */
export interface Reviewer {
  readonly name: string;
  readonly role: ReviewerRole;
}

export interface ReviewerRecord extends Reviewer {
  readonly createdAt: number;
  readonly revokedAt: number | null;
}

/** Prefix of every reviewer token, so a leaked one is recognisable (and greppable). */
export const TOKEN_PREFIX = "cct_";

/** Who adds and revokes reviewers in the log when no person is named (the CLI names the OS user). */
const ADMIN_ACTOR: Actor = { type: "system", id: "crosscheck", role: "admin" };

/**
 * The reviewers of one database. A token is shown once, when it is made; the log and the
 * `reviewers` table keep only its SHA-256 (a 256-bit random token needs no slow hash).
 */
export class ReviewerRegistry {
  readonly #database: CrosscheckDatabase;
  readonly #log: AuditLog;

  constructor(database: CrosscheckDatabase, log: AuditLog = new AuditLog(database)) {
    this.#database = database;
    this.#log = log;
  }

  /**
   * Adds `name` with `role` (or gives an existing reviewer a new token and role) and returns
   * the new token. The old token stops working.
   */
  add(name: string, role: ReviewerRole = "reviewer", by: Actor = ADMIN_ACTOR): string {
    const validName = parseWith(ReviewerNameSchema, name, "USAGE", "the reviewer name");
    const validRole = parseWith(ReviewerRoleSchema, role, "USAGE", "--role (viewer or reviewer)");
    const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
    this.#log.append([
      {
        kind: "reviewer.added",
        key: `reviewer.added:${validName}:${randomUUID()}`,
        runId: LOG_RUN_ID,
        actor: by,
        payload: { name: validName, role: validRole, tokenSha256: sha256Hex(token) },
      },
    ]);
    return token;
  }

  /** Revokes `name`'s token: their sessions end at their next request. */
  revoke(name: string, by: Actor = ADMIN_ACTOR): void {
    const found = this.#find(name);
    if (found === undefined || found.revokedAt !== null) {
      throw new CrosscheckError(
        "USAGE",
        `no active reviewer named "${name}": list them with \`crosscheck reviewers list\``,
      );
    }
    this.#log.append([
      {
        kind: "reviewer.revoked",
        key: `reviewer.revoked:${name}:${randomUUID()}`,
        runId: LOG_RUN_ID,
        actor: by,
        payload: { name },
      },
    ]);
  }

  /** The active reviewer holding `token`, or undefined for a wrong, malformed or revoked token. */
  authenticate(token: string): Reviewer | undefined {
    if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return undefined;
    const row = this.#database.db
      .select({ name: reviewers.name, role: reviewers.role, revokedAt: reviewers.revokedAt })
      .from(reviewers)
      .where(eq(reviewers.tokenSha256, sha256Hex(token)))
      .get();
    if (row === undefined || row.revokedAt !== null) return undefined;
    return { name: row.name, role: row.role };
  }

  /** The current state of `name` (role, revoked or not), for re-checking a session. */
  active(name: string): Reviewer | undefined {
    const found = this.#find(name);
    return found === undefined || found.revokedAt !== null
      ? undefined
      : { name: found.name, role: found.role };
  }

  list(): ReviewerRecord[] {
    return this.#select().orderBy(asc(reviewers.name)).all();
  }

  #find(name: string): ReviewerRecord | undefined {
    return this.#select().where(eq(reviewers.name, name)).get();
  }

  #select() {
    const { name, role, createdAt, revokedAt } = reviewers;
    return this.#database.db.select({ name, role, createdAt, revokedAt }).from(reviewers);
  }
}
