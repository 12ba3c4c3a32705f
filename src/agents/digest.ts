import { sha256Hex } from "../internal/sha256.js";

/**
 * A digest of an agent's code: its functions' source text. It changes when the agent's code
 * changes, so a verdict in the log can be traced to the version that gave it.
 */
export function codeDigest(...parts: ReadonlyArray<((...args: never[]) => unknown) | undefined>): string {
  return sha256Hex(parts.map((part) => (part === undefined ? "" : part.toString())).join("\n\0\n"));
}
