import { bwrapStatus } from "../../src/sandbox/bwrap.js";

/**
 * Debian's bubblewrap for sandbox tests. Where it is missing (or cannot create namespaces) the
 * tests skip with BWRAP_MISSING; in CI (CI=true) they run and fail instead.
 */
const status = bwrapStatus();
export const bwrapAvailable = status.ok;
export const BWRAP_MISSING = status.ok
  ? ""
  : `install bubblewrap: apt-get install -y bubblewrap (${status.reason})`;
/** Whether sandbox tests run here: bubblewrap works, or CI demands it. */
export const runSandboxTests = bwrapAvailable || process.env["CI"] === "true";
/** Suffix for a describe title: why it is skipped, if it is. */
export const sandboxSkipNote = bwrapAvailable ? "" : ` (skipped: ${BWRAP_MISSING})`;
if (!bwrapAvailable) console.warn(`sandbox tests skipped: ${BWRAP_MISSING}`);
