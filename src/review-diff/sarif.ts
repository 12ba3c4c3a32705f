import { RULES } from "../agents/code-security/catalog.js";
import { DEPENDENCY_RULES } from "../agents/dependency-provenance/finding.js";
import type { Finding, Severity } from "../domain/finding.js";
import { sha256Hex } from "../internal/sha256.js";

/** SARIF 2.1.0 (the subset GitHub code scanning reads). */
export const SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";

export interface SarifLog {
  $schema: string;
  version: "2.1.0";
  runs: SarifRun[];
}
interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  help: { text: string };
  defaultConfiguration: { level: SarifLevel };
  properties: { tags: string[]; "security-severity"?: string };
}
interface SarifRun {
  tool: { driver: { name: string; version: string; rules: SarifRule[] } };
  results: SarifResult[];
}
interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: { text: string };
  locations: {
    physicalLocation: {
      artifactLocation: { uri: string };
      region: { startLine: number; startColumn?: number };
    };
  }[];
  partialFingerprints: { primaryLocationLineHash: string };
  properties: { severity: Severity; auditor: string };
}
type SarifLevel = "error" | "warning" | "note";

const LEVEL: Record<Severity, SarifLevel> = {
  critical: "error",
  high: "error",
  medium: "warning",
  low: "note",
  info: "note",
};
/** GitHub ranks security alerts by this score (0-10). */
const SCORE: Record<Severity, string> = {
  critical: "9.5",
  high: "7.5",
  medium: "5.0",
  low: "3.0",
  info: "1.0",
};

function ruleFor(ruleId: string, severity: Severity): SarifRule {
  const code = (RULES as Record<string, { cwe: number; title: string; fix: string } | undefined>)[ruleId];
  const dep = (DEPENDENCY_RULES as Record<string, { cwe: number; title: string; fix: string } | undefined>)[
    ruleId
  ];
  const meta = code ?? dep;
  const tags = ["security", ...(meta ? [`external/cwe/cwe-${meta.cwe}`] : [])];
  return {
    id: ruleId,
    name: (meta?.title ?? ruleId).replace(/(^|[\s-]+)(\w)/g, (_, _s, c: string) => c.toUpperCase()),
    shortDescription: { text: meta?.title ?? ruleId },
    help: { text: meta ? `${meta.title} (CWE-${meta.cwe}). Fix: ${meta.fix}.` : ruleId },
    defaultConfiguration: { level: LEVEL[severity] },
    properties: { tags, "security-severity": SCORE[severity] },
  };
}

/** Findings as one SARIF run; paths are repository-relative URIs. */
export function toSarif(findings: readonly (Finding & { auditor: string })[], version: string): SarifLog {
  const rules: SarifRule[] = [];
  const index = new Map<string, number>();
  const results: SarifResult[] = [];
  for (const f of findings) {
    let ruleIndex = index.get(f.ruleId);
    if (ruleIndex === undefined) {
      ruleIndex = rules.push(ruleFor(f.ruleId, f.severity)) - 1;
      index.set(f.ruleId, ruleIndex);
    }
    const uri = (f.location?.file ?? "unknown").replace(/\\/g, "/").replace(/^\.\//, "");
    const startLine = f.location?.line ?? 1;
    results.push({
      ruleId: f.ruleId,
      ruleIndex,
      level: LEVEL[f.severity],
      message: { text: f.message.replace(/\s+/g, " ") },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri },
            region: { startLine, ...(f.location?.column ? { startColumn: f.location.column } : {}) },
          },
        },
      ],
      partialFingerprints: {
        primaryLocationLineHash: sha256Hex(`${f.ruleId}\n${uri}\n${f.message}`).slice(0, 32),
      },
      properties: { severity: f.severity, auditor: f.auditor },
    });
  }
  return {
    $schema: SARIF_SCHEMA_URI,
    version: "2.1.0",
    runs: [{ tool: { driver: { name: "crosscheck", version, rules } }, results }],
  };
}
