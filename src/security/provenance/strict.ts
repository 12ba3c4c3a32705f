import fs from "node:fs";
import path from "node:path";
import { CrosscheckError } from "../../errors.js";
import { type NoteVerifier, parseVerifierKey } from "../keys.js";
import { type AgentManifest, manifestChanges } from "./manifest.js";
import { manifestsPathFor, readManifestsFile, signatureProblem } from "./manifests-file.js";
import { AGENTS_PUBKEY_ENV, DEFAULT_AGENTS_KEY_FILE, type ResolvedProvenanceOptions } from "./options.js";

export interface StrictContext {
  /** The workflow's name, for messages. */
  workflow: string;
  /** The workflow's module file, when known (the CLI passes it). */
  modulePath: string | undefined;
  /** The database file of the run (trusted key default: keys/agents.pub beside it). */
  db: string;
}

/** The manifests file and trusted keys strict mode uses: the options, else their defaults. */
export function strictSources(
  options: ResolvedProvenanceOptions,
  context: StrictContext,
): { file: string; trusted: NoteVerifier[] } {
  const where = `workflow ${context.workflow} (provenance: "strict")`;
  let file = options.manifests;
  if (file === undefined) {
    if (context.modulePath === undefined) {
      throw new CrosscheckError(
        "PROVENANCE_REJECTED",
        `${where}: no manifests file: pass provenance: { mode: "strict", manifests: "<file>" }, or run the workflow file with \`crosscheck run\``,
      );
    }
    file = manifestsPathFor(context.modulePath);
  }
  let keys = options.trustedKeys;
  const fromEnv = process.env[AGENTS_PUBKEY_ENV];
  if (keys === undefined && fromEnv !== undefined && fromEnv !== "") keys = fromEnv.split(",");
  if (keys === undefined) {
    const fallback = path.join(path.dirname(context.db), "keys", `${DEFAULT_AGENTS_KEY_FILE}.pub`);
    if (!fs.existsSync(fallback)) {
      throw new CrosscheckError(
        "PROVENANCE_REJECTED",
        `${where}: no trusted key for agent manifests: set provenance.trustedKeys or ${AGENTS_PUBKEY_ENV}, or create ${fallback} with \`crosscheck keys generate --file agents --name <signer>\``,
      );
    }
    keys = [fallback];
  }
  return { file, trusted: keys.map((key) => parseVerifierKey(key.trim())) };
}

/**
 * Strict provenance: every agent of the workflow has a manifest in `file`, signed by a trusted
 * key, equal to its manifest now. Otherwise throws PROVENANCE_REJECTED naming every agent that
 * fails and what changed, before anything runs.
 */
export function enforceStrictProvenance(
  current: readonly AgentManifest[],
  sources: { file: string; trusted: readonly NoteVerifier[] },
  workflow: string,
): void {
  const signed = readManifestsFile(sources.file, `workflow ${workflow}`);
  const problems: string[] = [];
  for (const now of current) {
    const label = `${now.kind} ${JSON.stringify(now.id)}`;
    const entry = signed.agents.find((a) => a.manifest.kind === now.kind && a.manifest.id === now.id);
    if (entry === undefined) {
      problems.push(`${label} is unsigned (no manifest in ${sources.file})`);
      continue;
    }
    const bad = signatureProblem(entry, sources.trusted);
    if (bad !== undefined) {
      problems.push(`${label}: ${bad}`);
      continue;
    }
    const changes = manifestChanges(entry.manifest, now);
    if (changes.length > 0) problems.push(`${label} changed since it was signed: ${changes.join("; ")}`);
  }
  if (problems.length > 0) {
    throw new CrosscheckError(
      "PROVENANCE_REJECTED",
      `workflow ${workflow} refuses to run (provenance: "strict"): ${problems.join(". ")}. Review the agents, then sign them with \`crosscheck agents sign <workflow file>\``,
    );
  }
}
