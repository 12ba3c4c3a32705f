import type { Finding, Severity } from "../../domain/finding.js";
import type { VerdictInput } from "../../domain/verdict.js";
import { type Auditor, defineAuditor } from "../auditor.js";
import { redact } from "../code-security/secrets.js";
import { findCopiedPassages, type RestrictedSourcesOptions } from "./copied.js";
import { findPersonalData, type Match } from "./personal-data.js";
import { findSecrets } from "./secrets.js";

export interface LeakageOptions {
  /** Default "leakage". */
  name?: string;
  /** Look for emails, phone numbers, IBANs, card numbers, national ids. Default true. */
  personalData?: boolean;
  /** Look for credentials. Default true. */
  secrets?: boolean;
  /** Look for passages copied from documents the principal may not read. Default: off. */
  restricted?: RestrictedSourcesOptions;
}

const SEVERITY: Record<Match["kind"], Severity> = {
  email: "medium",
  phone: "medium",
  iban: "high",
  card: "high",
  "national-id": "high",
  secret: "critical",
};

/** Strings of an output's content with their field paths (strings only: numbers carry no names). */
function strings(value: unknown, field: string, out: { field: string; text: string }[] = []) {
  if (typeof value === "string") out.push({ field, text: value });
  else if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) strings(v, `${field}[${i}]`, out);
  } else if (typeof value === "object" && value !== null) {
    for (const [key, v] of Object.entries(value)) strings(v, `${field}.${key}`, out);
  }
  return out;
}

/**
 * An auditor that fails outputs leaking personal data, secrets, or passages of documents the
 * principal may not read. Findings name what leaked and where, never the value in clear.
 */
export function leakage(options: LeakageOptions = {}): Auditor {
  return defineAuditor({
    name: options.name ?? "leakage",
    async audit(input): Promise<VerdictInput> {
      const content = (input as { output?: { content?: unknown } } | null)?.output?.content;
      const findings: Finding[] = [];
      for (const { field, text } of strings(content, "content")) {
        const matches = [
          ...(options.personalData === false ? [] : findPersonalData(text)),
          ...(options.secrets === false ? [] : findSecrets(text)),
        ];
        for (const m of matches) {
          findings.push({
            ruleId: m.kind === "secret" ? "leakage.secret" : `leakage.pii.${m.kind}`,
            severity: SEVERITY[m.kind],
            message: `the output contains a ${m.label} (${redact(m.value)})`,
            location: { field, span: [m.start, m.end] },
            evidenceIds: [],
          });
        }
        if (options.restricted !== undefined) {
          const task = (input as { task?: unknown }).task ?? { input: null };
          for (const copy of await findCopiedPassages(text, task as never, options.restricted)) {
            findings.push({
              ruleId: "leakage.restricted-copy",
              severity: "critical",
              // The source's name may itself be confidential: the finding names only the labels.
              message: `${copy.words} words copied from a document that needs label(s) ${copy.missing.join(", ")} the reader does not hold`,
              location: { field },
              evidenceIds: [],
            });
          }
        }
      }
      if (findings.length === 0) {
        return {
          decision: "pass",
          confidence: 0.8,
          rationale: "no personal data, secrets or restricted passages found",
        };
      }
      return {
        decision: "fail",
        confidence: 0.9,
        findings,
        rationale: `${findings.length} leak(s): ${[...new Set(findings.map((f) => f.ruleId))].join(", ")}`,
      };
    },
  });
}
