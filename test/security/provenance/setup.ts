import fs from "node:fs";
import path from "node:path";
import { defineAuditor, defineWorker, defineWorkflow, majority } from "../../../src/index.js";
import { generateKeyFiles, loadSigner } from "../../../src/security/keys.js";
import { type AgentProvenance, withProvenance } from "../../../src/security/provenance/describe.js";
import { signManifests, writeManifestsFile } from "../../../src/security/provenance/manifests-file.js";
import { tempDir } from "../../helpers/temp.js";

export interface AgentVariant {
  /** Changes the auditor's code (its source text). */
  threshold?: number;
  rubric?: string;
  tools?: string[];
  /** The auditor abstains, so every case escalates. */
  abstain?: boolean;
}

/**
 * A temp folder with a database path, an agents key pair (keys/agents.key beside the database)
 * and a factory of small strict workflows whose auditor can be changed.
 */
export function setupProvenance() {
  const dir = tempDir();
  const db = path.join(dir, "audit.db");
  const keys = generateKeyFiles(path.join(dir, "keys"), "agents", "example.com/agents");
  const manifests = path.join(dir, "wf.manifests.json");
  const workflow = (variant: AgentVariant = {}, provenance: "strict" | "off" = "strict") => {
    const worker = defineWorker("echo", async () => ({ content: "ok" }));
    const threshold = variant.threshold ?? 1;
    const declared: AgentProvenance = { version: "1.0.0", prompt: variant.rubric ?? "Check it." };
    if (variant.tools !== undefined) declared.tools = variant.tools;
    const checker = variant.abstain
      ? defineAuditor("checker", async () => ({ decision: "abstain", confidence: 0 }))
      : threshold === 1
        ? defineAuditor("checker", async () => ({ decision: "pass", confidence: 1 }))
        : defineAuditor("checker", async () => ({ decision: "pass", confidence: 0.5 }));
    return defineWorkflow({
      name: "wf",
      worker,
      auditors: [withProvenance(checker, declared)],
      consensus: majority(),
      provenance: { mode: provenance, manifests, trustedKeys: keys.publicKeyPath },
    });
  };
  const sign = (variant: AgentVariant = {}, keyFile = keys.privateKeyPath) => {
    const signed = signManifests("wf", workflow(variant).manifests, loadSigner(keyFile), 1_764_000_000_000);
    writeManifestsFile(manifests, signed);
    return signed;
  };
  const otherKey = () => generateKeyFiles(path.join(dir, "other"), "agents", "mallory").privateKeyPath;
  const editFile = (edit: (json: { agents: Array<{ manifest: Record<string, unknown> }> }) => void) => {
    const json = JSON.parse(fs.readFileSync(manifests, "utf8"));
    edit(json);
    fs.writeFileSync(manifests, JSON.stringify(json));
  };
  return { dir, db, keys, manifests, workflow, sign, otherKey, editFile };
}
