import { z } from "zod";

/** Env var naming the trusted public key(s) of agent manifests (comma-separated lines or .pub files). */
export const AGENTS_PUBKEY_ENV = "CROSSCHECK_AGENTS_PUBKEY";
/** Without options or the env var, `<database folder>/keys/agents.pub` is the trusted key. */
export const DEFAULT_AGENTS_KEY_FILE = "agents";

/**
 * `provenance` of defineWorkflow: `"off"` (default: manifests are computed and their digests
 * logged, nothing is checked) or `"strict"`: before a run or a resumption, every agent must have
 * a manifest signed by a trusted key that still matches its code, or nothing runs.
 */
export type ProvenanceOptions =
  | "off"
  | "strict"
  | {
      mode: "off" | "strict";
      /** The signed manifests file. Default: `<workflow file>.manifests.json` (the file `crosscheck run` loads). */
      manifests?: string;
      /**
       * Verifier keys (lines, or .pub files) trusted to sign manifests. Default: env
       * CROSSCHECK_AGENTS_PUBKEY, else `<database folder>/keys/agents.pub`.
       */
      trustedKeys?: string | readonly string[];
    };

export const ProvenanceOptionsSchema = z.union([
  z.enum(["off", "strict"]),
  z
    .object({
      mode: z.enum(["off", "strict"]),
      manifests: z.string().min(1).optional(),
      trustedKeys: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
    })
    .strict(),
]);

/** The provenance options after defaults. */
export interface ResolvedProvenanceOptions {
  readonly mode: "off" | "strict";
  readonly manifests: string | undefined;
  readonly trustedKeys: readonly string[] | undefined;
}

export function resolveProvenanceOptions(
  options: z.infer<typeof ProvenanceOptionsSchema> | undefined,
): ResolvedProvenanceOptions {
  if (options === undefined || typeof options === "string") {
    return Object.freeze({ mode: options ?? "off", manifests: undefined, trustedKeys: undefined });
  }
  const keys = options.trustedKeys;
  return Object.freeze({
    mode: options.mode,
    manifests: options.manifests,
    trustedKeys: keys === undefined ? undefined : typeof keys === "string" ? [keys] : [...keys],
  });
}
