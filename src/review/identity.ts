import fs from "node:fs";
import type { CrosscheckDatabase } from "../audit/database.js";
import { CrosscheckError } from "../errors.js";
import { type Reviewer, ReviewerRegistry } from "./reviewers.js";

/** The environment variable the CLI reads a reviewer token from (`--token-file` wins). */
export const REVIEWER_TOKEN_ENV = "CROSSCHECK_REVIEWER_TOKEN";

/** Who acts at the command line, and how we know. */
export interface CliIdentity {
  reviewer: Reviewer;
  /** Recorded on every event's actor: `token`, or `os-user:NAME` when the log has no reviewers. */
  authenticatedBy: string;
}

export interface CliIdentityInput {
  /** A reviewer token (from `--token-file` or CROSSCHECK_REVIEWER_TOKEN). */
  token?: string | undefined;
  /** The name typed with `--reviewer`. */
  name?: string | undefined;
  /** The operating-system user running the command. */
  osUser: string;
}

/**
 * The reviewer behind a terminal command. Once a database has registered reviewers, decisions
 * need a token: the name comes from the token, never from a flag (a typed `--reviewer` must
 * match it). A database with no reviewers (one person on their own machine) takes the typed
 * name, or the OS user, and records the OS user as what vouches for it.
 */
export function cliIdentity(database: CrosscheckDatabase, input: CliIdentityInput): CliIdentity {
  const registry = new ReviewerRegistry(database);
  const token = input.token?.trim();
  if (token !== undefined && token !== "") {
    const reviewer = registry.authenticate(token);
    if (reviewer === undefined) {
      throw new CrosscheckError(
        "UNAUTHENTICATED",
        "the reviewer token is not valid (wrong, or revoked): check --token-file or CROSSCHECK_REVIEWER_TOKEN, or ask an admin for a new one (`crosscheck reviewers add NAME`)",
      );
    }
    if (input.name !== undefined && input.name !== reviewer.name) {
      throw new CrosscheckError(
        "USAGE",
        `--reviewer ${input.name} does not match the token, which belongs to ${reviewer.name}: drop --reviewer (the token names you)`,
      );
    }
    return { reviewer, authenticatedBy: "token" };
  }
  if (hasRegisteredReviewers(database)) {
    throw new CrosscheckError(
      "UNAUTHENTICATED",
      `this database has registered reviewers, so a decision needs your reviewer token: pass --token-file FILE or set ${REVIEWER_TOKEN_ENV} (an admin creates one with \`crosscheck reviewers add NAME\`)`,
    );
  }
  const name = input.name ?? input.osUser;
  if (name.trim() === "") {
    throw new CrosscheckError(
      "USAGE",
      "name who decides with --reviewer NAME (it is recorded in the audit log)",
    );
  }
  return { reviewer: { name, role: "reviewer" }, authenticatedBy: `os-user:${input.osUser}` };
}

/** Whether the database has an active registered reviewer (then the CLI needs tokens). */
export function hasRegisteredReviewers(database: CrosscheckDatabase): boolean {
  return new ReviewerRegistry(database).list().some((r) => r.revokedAt === null);
}

/** The reviewer token from `--token-file` (read here), else env CROSSCHECK_REVIEWER_TOKEN; undefined when neither. */
export function readToken(tokenFile: string | undefined): string | undefined {
  if (tokenFile === undefined) {
    const env = process.env[REVIEWER_TOKEN_ENV]?.trim();
    return env === "" ? undefined : env;
  }
  try {
    return fs.readFileSync(tokenFile, "utf8").trim();
  } catch (error) {
    throw new CrosscheckError(
      "USAGE",
      `cannot read --token-file ${tokenFile} (${(error as NodeJS.ErrnoException).code ?? String(error)}): pass the file holding the token \`crosscheck reviewers add\` printed`,
    );
  }
}
