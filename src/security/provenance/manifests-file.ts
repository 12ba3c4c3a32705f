import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { parseWith } from "../../domain/parse.js";
import { readJsonFile } from "../../internal/read-json-file.js";
import type { NoteSigner, NoteVerifier } from "../keys.js";
import { type AgentManifest, AgentManifestSchema, manifestDigest } from "./manifest.js";

export const MANIFESTS_FORMAT = "crosscheck-manifests/1";

/** One signed manifest: the manifest, its digest, base64(4-byte key id || ed25519 signature). */
export const SignedManifestSchema = z
  .object({
    manifest: AgentManifestSchema,
    digest: z.string().regex(/^[0-9a-f]{64}$/),
    signature: z.string().min(1),
  })
  .strict();
export type SignedManifest = z.infer<typeof SignedManifestSchema>;

/** The file `crosscheck agents sign` writes beside a workflow (`<workflow>.manifests.json`). */
export const ManifestsFileSchema = z
  .object({
    format: z.literal(MANIFESTS_FORMAT),
    workflow: z.string(),
    /** The signer's verifier key, for information: strict mode trusts only the keys it is given. */
    signer: z.string(),
    signedAt: z.number().int(),
    agents: z.array(SignedManifestSchema),
  })
  .strict();
export type ManifestsFile = z.infer<typeof ManifestsFileSchema>;

/** `receipts.ts` -> `receipts.manifests.json` in the same folder. */
export function manifestsPathFor(workflowFile: string): string {
  const parsed = path.parse(path.resolve(workflowFile));
  return path.join(parsed.dir, `${parsed.name}.manifests.json`);
}

/** The bytes an agent manifest signature covers: a domain-separated line with its digest. */
export function manifestMessage(digest: string): Buffer {
  return Buffer.from(`crosscheck-agent-manifest/1\n${digest}\n`);
}

export function signManifests(
  workflow: string,
  manifests: readonly AgentManifest[],
  signer: NoteSigner,
  now: number,
): ManifestsFile {
  return {
    format: MANIFESTS_FORMAT,
    workflow,
    signer: signer.verifierKey,
    signedAt: now,
    agents: manifests.map((manifest) => {
      const digest = manifestDigest(manifest);
      const signature = Buffer.concat([signer.keyId, signer.sign(manifestMessage(digest))]);
      return { manifest, digest, signature: signature.toString("base64") };
    }),
  };
}

/**
 * Checks one signed manifest against trusted keys: the digest must be the manifest's and the
 * signature a trusted key's. Returns what is wrong, or undefined when it holds.
 */
export function signatureProblem(
  entry: SignedManifest,
  trusted: readonly NoteVerifier[],
): string | undefined {
  const digest = manifestDigest(entry.manifest);
  if (digest !== entry.digest) {
    return `its manifest was edited after signing (digest ${entry.digest.slice(0, 12)}… recorded, ${digest.slice(0, 12)}… computed)`;
  }
  const bytes = Buffer.from(entry.signature, "base64");
  const keyId = bytes.subarray(0, 4);
  const key = trusted.find((k) => k.keyId.equals(keyId));
  if (key === undefined) {
    return `its manifest is signed by key id ${keyId.toString("hex")}, which is not a trusted key (trusted: ${trusted.map((k) => `${k.name} ${k.keyId.toString("hex")}`).join(", ")})`;
  }
  if (!key.verify(manifestMessage(digest), bytes.subarray(4))) {
    return `the signature of its manifest does not verify with the trusted key ${key.name}`;
  }
  return undefined;
}

/** Writes the file with mode 0644, replacing an older one atomically (write, then rename). */
export function writeManifestsFile(file: string, content: ManifestsFile): void {
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify(content, null, 2)}\n`);
  fs.renameSync(temp, file);
}

/** Reads and checks a manifests file; a missing file says how to make one. */
export function readManifestsFile(file: string, workflowHint: string): ManifestsFile {
  const json = readJsonFile(file, {
    code: "PROVENANCE_REJECTED",
    unreadable: `no signed agent manifests at ${file}: the agents of ${workflowHint} are unsigned; sign them with \`crosscheck agents sign <workflow file>\``,
    notJson: () =>
      `${file} is not JSON: sign the agents again with \`crosscheck agents sign <workflow file>\``,
  });
  return parseWith(ManifestsFileSchema, json, "PROVENANCE_REJECTED", `manifests file ${file}`);
}
