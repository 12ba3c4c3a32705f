import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { defineAuditor } from "../../../src/agents/auditor.js";
import { withProvenance } from "../../../src/security/provenance/describe.js";
import { agentManifest, manifestChanges } from "../../../src/security/provenance/manifest.js";
import { tempDir } from "../../helpers/temp.js";

const sha256 = (data: string | Buffer) => crypto.createHash("sha256").update(data).digest("hex");

function setupAgent(moduleText = "export const RUBRIC = 'v1';\n") {
  const file = path.join(tempDir(), "totals.ts");
  fs.writeFileSync(file, moduleText);
  const audit = async () => ({ decision: "pass" as const, confidence: 1 });
  const auditor = withProvenance(defineAuditor({ name: "totals", model: "anthropic:claude-x", audit }), {
    version: "2.1.0",
    prompt: "Check the total.",
    parameters: { temperature: 0 },
    tools: ["search", "calc"],
    module: pathToFileURL(file),
  });
  const manifest = agentManifest("auditor", {
    name: auditor.name,
    model: auditor.model,
    functions: [auditor.audit, auditor.reconsider],
    agent: auditor,
  });
  return { file, audit, manifest };
}

describe("agent manifests", () => {
  it("record the model, parameters, sorted tools and the digests of prompt, functions and module file", () => {
    const { manifest, audit } = setupAgent();
    expect(manifest).toEqual({
      v: 1,
      id: "totals",
      kind: "auditor",
      version: "2.1.0",
      model: "anthropic:claude-x",
      parameters: { temperature: 0 },
      promptSha256: sha256("Check the total."),
      codeSha256: sha256(`${audit.toString()}\n\0\n`),
      module: { file: "totals.ts", sha256: sha256("export const RUBRIC = 'v1';\n") },
      tools: ["calc", "search"],
    });
  });

  it("name each field that changed, with short digests", () => {
    const before = setupAgent().manifest;
    const after = setupAgent("export const RUBRIC = 'v2';\n").manifest;
    expect(manifestChanges(before, after)).toEqual([
      `module digest of totals.ts (signed ${sha256("export const RUBRIC = 'v1';\n").slice(0, 12)}…, now ${sha256("export const RUBRIC = 'v2';\n").slice(0, 12)}…)`,
    ]);
    expect(manifestChanges(before, { ...before, model: "other", tools: [] })).toEqual([
      'model (signed "anthropic:claude-x", now "other")',
      'tools (signed ["calc","search"], now [])',
    ]);
  });

  it("refuse a module path that cannot be read, at definition time", () => {
    const auditor = defineAuditor("x", async () => ({ decision: "pass", confidence: 1 }));
    expect(() => withProvenance(auditor, { module: "/nonexistent/agent.ts" })).toThrow(
      /withProvenance\("x"\): module \/nonexistent\/agent\.ts cannot be read \(ENOENT\): pass import\.meta\.url/,
    );
  });
});
