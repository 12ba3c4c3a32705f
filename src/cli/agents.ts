import path from "node:path";
import type { Command } from "commander";
import { loadSigner } from "../security/keys.js";
import { manifestDigest } from "../security/provenance/manifest.js";
import {
  manifestsPathFor,
  signManifests,
  writeManifestsFile,
} from "../security/provenance/manifests-file.js";
import { DEFAULT_AGENTS_KEY_FILE, resolveProvenanceOptions } from "../security/provenance/options.js";
import { enforceStrictProvenance, strictSources } from "../security/provenance/strict.js";
import { EXIT, globalOptions } from "./context.js";
import { loadWorkflow } from "./load-module.js";
import type { CommandContext } from "./main.js";

/** `crosscheck agents sign | verify`: signed agent manifests for `provenance: "strict"`. */
export function registerAgents(program: Command, { io, setExit }: CommandContext): void {
  const agents = program.command("agents").description("Agent manifests: sign them, check them");
  agents
    .command("sign")
    .description("sign the manifests of a workflow's agents into <workflow>.manifests.json")
    .argument("<workflow>", "TypeScript or JavaScript file exporting a workflow")
    .option("--key <file>", "private key (default: keys/agents.key beside the database)")
    .option("--out <file>", "manifests file (default: <workflow>.manifests.json beside it)")
    .action(async (file: string, options: { key?: string; out?: string }, command: Command) => {
      const global = globalOptions(command);
      const keyFile =
        options.key ?? path.join(path.dirname(global.db), "keys", `${DEFAULT_AGENTS_KEY_FILE}.key`);
      const signer = loadSigner(keyFile); // before anything is written
      const workflow = await loadWorkflow(file);
      const out = path.resolve(options.out ?? manifestsPathFor(file));
      const signed = signManifests(workflow.name, workflow.manifests, signer, Date.now());
      writeManifestsFile(out, signed);
      if (global.json) {
        io.out(JSON.stringify({ file: out, signer: signer.verifierKey, agents: signed.agents }));
      } else {
        io.out(
          `signed ${signed.agents.length} agent manifests of ${workflow.name} with ${signer.name} into ${out}`,
        );
        for (const { manifest, digest } of signed.agents) {
          io.out(`  ${manifest.kind.padEnd(7)} ${manifest.id}  ${digest}`);
        }
      }
      setExit(EXIT.ok);
    });
  agents
    .command("verify")
    .description('check a workflow\'s agents against their signed manifests, as provenance: "strict" does')
    .argument("<workflow>", "TypeScript or JavaScript file exporting a workflow")
    .option("--manifests <file>", "manifests file (default: <workflow>.manifests.json)")
    .option("--pubkey <key...>", "trusted verifier keys or .pub files (default: env or keys/agents.pub)")
    .action(async (file: string, options: { manifests?: string; pubkey?: string[] }, command: Command) => {
      const global = globalOptions(command);
      const workflow = await loadWorkflow(file);
      const provenance = resolveProvenanceOptions({
        mode: "strict",
        ...(options.manifests === undefined ? {} : { manifests: options.manifests }),
        ...(options.pubkey === undefined ? {} : { trustedKeys: options.pubkey }),
      });
      const sources = strictSources(provenance, {
        workflow: workflow.name,
        modulePath: path.resolve(file),
        db: global.db,
      });
      enforceStrictProvenance(workflow.manifests, sources, workflow.name);
      if (global.json) {
        io.out(
          JSON.stringify({ ok: true, file: sources.file, agents: workflow.manifests.map(manifestDigest) }),
        );
      } else {
        io.out(
          `ok: the ${workflow.manifests.length} agents of ${workflow.name} match their signed manifests in ${sources.file}`,
        );
      }
      setExit(EXIT.ok);
    });
}
