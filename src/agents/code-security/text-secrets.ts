import { RULES } from "./catalog.js";
import type { CodeFinding } from "./context.js";
import { KNOWN_FORMATS, REDACTED_SECRET_ANYWHERE, redact, SECRET_NAME, secretSeverity } from "./secrets.js";

/** Prose, where `password: hunter2` is more likely an example than a secret: known formats only. */
const PROSE = /\.(md|markdown|rst|txt|adoc|html?)$/i;
/** `NAME=value`, `NAME: value`, `"name": "value"` in .env, YAML, INI, TOML, JSON and the like. */
const KEY_VALUE =
  /^\s*(?:export\s+)?["']?([A-Za-z_][\w.-]*)["']?\s*[:=]\s*["']?([^\s"'#]+)["']?\s*,?\s*(?:#.*)?$/;

interface TextSecret {
  readonly line: number;
  readonly column: number;
  readonly value: string;
  readonly severity: "critical" | "high" | "medium";
  readonly what: string;
}

/** Secrets in a file that is not JavaScript, TypeScript or Python (.env, YAML, JSON, shell...). */
export function findTextSecrets(text: string, file: string): TextSecret[] {
  if (text.includes("\u0000")) return [];
  const found: TextSecret[] = [];
  text.split("\n").forEach((raw, index) => {
    const line = index + 1;
    const marker = REDACTED_SECRET_ANYWHERE.exec(raw);
    if (marker) {
      found.push({
        line,
        column: marker.index + 1,
        value: "",
        severity: marker[1] as TextSecret["severity"],
        what: `a secret (${marker[2]} chars, redacted)`,
      });
      return;
    }
    for (const { name, pattern } of KNOWN_FORMATS) {
      const match = new RegExp(pattern.source, "g").exec(raw);
      if (match) {
        found.push({ line, column: match.index + 1, value: match[0], severity: "critical", what: name });
        return;
      }
    }
    if (PROSE.test(file)) return;
    const kv = KEY_VALUE.exec(raw);
    if (kv && SECRET_NAME.test(kv[1] ?? "")) {
      const value = kv[2] ?? "";
      const severity = secretSeverity(kv[1] ?? "", value);
      if (severity) found.push({ line, column: raw.indexOf(value) + 1, value, severity, what: kv[1] ?? "" });
    }
  });
  return found;
}

/** Findings for the secrets in a non-code file; the values are shown redacted. */
export function textSecretFindings(text: string, file: string): CodeFinding[] {
  const rule = RULES["code.cwe-798"];
  return findTextSecrets(text, file).map((s) => ({
    ruleId: "code.cwe-798",
    cwe: rule.cwe,
    family: rule.family,
    severity: s.severity,
    message: `${rule.title}: ${s.what}${s.value ? ` = ${redact(s.value)}` : ""}`,
    fix: rule.fix,
    file,
    line: s.line,
    column: s.column,
  }));
}

/** Replaces every secret in a non-code file by a redaction marker that findTextSecrets still reports. */
export function redactTextSecrets(text: string, file: string): string {
  const secrets = findTextSecrets(text, file).filter((s) => s.value !== "");
  if (secrets.length === 0) return text;
  const lines = text.split("\n");
  for (const s of secrets) {
    const line = lines[s.line - 1] ?? "";
    lines[s.line - 1] =
      `${line.slice(0, s.column - 1)}<redacted secret:${s.severity}:${s.value.length}>${line.slice(s.column - 1 + s.value.length)}`;
  }
  return lines.join("\n");
}
