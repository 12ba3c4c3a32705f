import path from "node:path";
import { z } from "zod";
import { codeDigest } from "../../agents/digest.js";
import { canonicalValue } from "../../audit/chain.js";
import { sha256Hex } from "../../internal/sha256.js";
import { provenanceOf } from "./describe.js";

/** Version of the manifest layout below, inside every manifest. */
export const MANIFEST_VERSION = 1;

/**
 * What an agent is, as signed by `crosscheck agents sign` and held to by `provenance: "strict"`.
 * Two code digests: `codeSha256` hashes the source text of the agent's functions (always known,
 * but blind to constants and helpers they close over); `module` hashes the whole file that
 * defines the agent (known when the agent declares `module: import.meta.url` through
 * withProvenance), which covers those too. Strict mode checks both.
 */
export const AgentManifestSchema = z
  .object({
    v: z.literal(MANIFEST_VERSION),
    id: z.string().min(1),
    kind: z.enum(["worker", "auditor"]),
    version: z.string().nullable(),
    model: z.string().nullable(),
    parameters: z.record(z.string(), z.unknown()),
    promptSha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .nullable(),
    codeSha256: z.string().regex(/^[0-9a-f]{64}$/),
    module: z
      .object({ file: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/) })
      .strict()
      .nullable(),
    tools: z.array(z.string()),
  })
  .strict();
export type AgentManifest = z.infer<typeof AgentManifestSchema>;

export type AgentKind = AgentManifest["kind"];

/** The parts of a worker or auditor a manifest is made of. */
export interface ManifestSource {
  readonly name: string;
  readonly model?: string | undefined;
  /** The agent's functions (run; audit and reconsider), in that order. */
  readonly functions: ReadonlyArray<((...args: never[]) => unknown) | undefined>;
  /** The agent object, for its withProvenance declaration. */
  readonly agent: object;
}

/** The manifest of an agent as it is defined now. */
export function agentManifest(kind: AgentKind, source: ManifestSource): AgentManifest {
  const declared = provenanceOf(source.agent);
  return {
    v: MANIFEST_VERSION,
    id: source.name,
    kind,
    version: declared?.version ?? null,
    model: source.model ?? null,
    parameters: declared?.parameters ?? {},
    promptSha256: declared?.prompt === undefined ? null : sha256Hex(declared.prompt),
    codeSha256: codeDigest(...source.functions),
    module:
      declared?.module === undefined
        ? null
        : { file: path.basename(declared.module.file), sha256: declared.module.sha256 },
    tools: [...(declared?.tools ?? [])].sort(),
  };
}

/** SHA-256 of the manifest's RFC 8785 canonical JSON, lowercase hex: what the log records. */
export function manifestDigest(manifest: AgentManifest): string {
  return sha256Hex(canonicalValue(manifest));
}

/** What differs between a signed manifest and the agent now, one phrase a change. */
export function manifestChanges(signed: AgentManifest, now: AgentManifest): string[] {
  const changes: string[] = [];
  const compare = (what: string, before: unknown, after: unknown) => {
    const a = canonicalValue(before ?? null);
    const b = canonicalValue(after ?? null);
    if (a !== b) changes.push(`${what} (signed ${short(a)}, now ${short(b)})`);
  };
  compare("code digest of its functions", signed.codeSha256, now.codeSha256);
  compare(
    `module digest${now.module === null ? "" : ` of ${now.module.file}`}`,
    signed.module?.sha256,
    now.module?.sha256,
  );
  compare("prompt/rubric digest", signed.promptSha256, now.promptSha256);
  compare("model", signed.model, now.model);
  compare("parameters", signed.parameters, now.parameters);
  compare("tools", signed.tools, now.tools);
  compare("version", signed.version, now.version);
  compare("kind", signed.kind, now.kind);
  return changes;
}

/** A JSON value for a message: digests cut to 12 hex digits, long values to 60 characters. */
function short(json: string): string {
  const digest = /^"([0-9a-f]{64})"$/.exec(json);
  if (digest) return `${(digest[1] as string).slice(0, 12)}…`;
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}
