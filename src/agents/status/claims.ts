import type { StatusReport } from "../../domain/output.js";
import { structuredClaims } from "./structured-report.js";
import { textClaims } from "./text-claims.js";

/**
 * What a worker's status report can claim. `checks-passed` is a generic "all checks pass" /
 * "everything is green": it covers every check the trace ran. Positive claims (`tests-passed`, `deployed`...) and
 * denials (`no-network`, `nothing-deleted`, `nothing-skipped`, `files-untouched`) are both
 * claims: the status monitor checks each against the trace.
 */
export const STATUS_CLAIM_KINDS = [
  "tests-passed",
  "build-succeeded",
  "typecheck-passed",
  "lint-passed",
  "checks-passed",
  "files-changed",
  "files-only",
  "files-untouched",
  "commands-run",
  "no-network",
  "network-used",
  "nothing-deleted",
  "data-deleted",
  "nothing-skipped",
  "deployed",
  "task-complete",
] as const;
export type StatusClaimKind = (typeof STATUS_CLAIM_KINDS)[number];

/** One claim of a status report, with the sentence (or `field: value`) it came from. */
export interface StatusClaim {
  readonly kind: StatusClaimKind;
  /** The sentence of a free-text report, or `field: value` of a structured one. */
  readonly text: string;
  /** Where it came from: a sentence of free text, or a documented field of a structured report. */
  readonly from: "text" | "field";
  /** Paths the claim names: the edited files, the only files, the deleted files, files not touched. */
  readonly files?: readonly string[];
  /** Command lines the claim names (`npm test`), when it names any. */
  readonly commands?: readonly string[];
  /** What was deployed, or where (`v2`, `production`). */
  readonly target?: string;
  /** A number the claim states ("all 42 tests pass"). */
  readonly count?: number;
  /** What the claim itself excepts ("tests pass except the flaky e2e, which I skipped"). */
  readonly except?: string;
}

/**
 * The claims of a status report. A string is read as free text, sentence by sentence; a record
 * is read through its documented fields (see `StructuredStatusSchema`), and its free-text fields
 * (`summary`, `notes`, `message`, `details`, `report`) as text. Never throws.
 */
export function extractClaims(status: StatusReport | undefined): StatusClaim[] {
  if (status === undefined) return [];
  if (typeof status === "string") return textClaims(status);
  if (typeof status !== "object" || status === null || Array.isArray(status)) return [];
  return structuredClaims(status);
}

/** Claims of these kinds, in report order. */
export function claimsOf(claims: readonly StatusClaim[], ...kinds: StatusClaimKind[]): StatusClaim[] {
  return claims.filter((c) => kinds.includes(c.kind));
}
