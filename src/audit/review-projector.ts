import type { SqliteDatabase as Database, SqliteStatement as Statement } from "./database.js";
import type { EventBody, EventPayload } from "./events.js";

/**
 * The projections of the review events (src/review): claims on escalations and the reviewers
 * who may use the review tools. Called by `Projector` inside the append transaction.
 */
export class ReviewProjector {
  readonly #claim: Statement;
  readonly #release: Statement;
  readonly #addReviewer: Statement;
  readonly #revokeReviewer: Statement;

  constructor(sqlite: Database) {
    // A claim holds only while the escalation waits; a later claim replaces a lapsed one.
    this.#claim = sqlite.prepare(
      "UPDATE escalations SET claimed_by = ?, claim_expires_at = ? WHERE case_id = ? AND status = 'pending'",
    );
    this.#release = sqlite.prepare(
      "UPDATE escalations SET claimed_by = NULL, claim_expires_at = NULL WHERE case_id = ? AND claimed_by = ?",
    );
    // Adding a reviewer again replaces their role and token (a rotation) and lifts a revocation.
    this.#addReviewer = sqlite.prepare(
      `INSERT INTO reviewers (name, role, token_sha256, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(name) DO UPDATE SET role = excluded.role, token_sha256 = excluded.token_sha256,
       created_at = excluded.created_at, revoked_at = NULL`,
    );
    this.#revokeReviewer = sqlite.prepare("UPDATE reviewers SET revoked_at = ? WHERE name = ?");
  }

  /** Projects `event` if it is a review event; returns whether it was one. */
  project(event: EventBody): boolean {
    switch (event.kind) {
      case "escalation.claimed": {
        const p = event.payload as EventPayload<"escalation.claimed">;
        this.#claim.run(p.reviewer, p.expiresAt, event.caseId);
        return true;
      }
      case "escalation.released": {
        const p = event.payload as EventPayload<"escalation.released">;
        this.#release.run(event.caseId, p.reviewer);
        return true;
      }
      case "reviewer.added": {
        const p = event.payload as EventPayload<"reviewer.added">;
        this.#addReviewer.run(p.name, p.role, p.tokenSha256, event.ts);
        return true;
      }
      case "reviewer.revoked": {
        const p = event.payload as EventPayload<"reviewer.revoked">;
        this.#revokeReviewer.run(event.ts, p.name);
        return true;
      }
      default:
        return false;
    }
  }
}
