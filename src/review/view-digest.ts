import { canonicalValue } from "../audit/chain.js";
import { CrosscheckError } from "../errors.js";
import { sha256Hex } from "../internal/sha256.js";
import type { CaseView } from "./case-view.js";

const DIGEST = /^[0-9a-f]{64}$/;

/**
 * What the reviewer saw: SHA-256 (hex) of the RFC 8785 canonical JSON of the case view the web
 * page or the terminal review showed. Recorded on the `human.decision` event, so anyone holding
 * the log can rebuild the view from the same events and check it against the digest.
 */
export function caseViewDigest(view: CaseView): string {
  return sha256Hex(canonicalValue(view));
}

/** A digest sent back by a form: 64 lowercase hex characters, or a USAGE error naming the field. */
export function parseViewDigest(value: unknown): string {
  if (typeof value === "string" && DIGEST.test(value)) return value;
  throw new CrosscheckError(
    "USAGE",
    "viewDigest must be the 64-hex SHA-256 of the case view shown: reload the case page and decide again",
  );
}

/** The digest to record for what a reviewer was shown: of the view itself, or a digest sent back. */
export function shownDigest(view: CaseView | { digest: string } | undefined): string | undefined {
  if (view === undefined) return undefined;
  return "digest" in view ? parseViewDigest(view.digest) : caseViewDigest(view);
}
