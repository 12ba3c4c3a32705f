import { knownSecretFormat, secretSeverity } from "../code-security/secrets.js";
import type { Match } from "./personal-data.js";

const TOKEN = /[^\s"'`<>()[\]{},;]+/g;
const ASSIGNMENT = /([A-Za-z_][\w.-]*)["']?\s*[:=]\s*["']?([^\s"',;]+)/g;
const PRIVATE_KEY = /-----BEGIN ((RSA|EC|DSA|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY( BLOCK)?-----/g;

/**
 * Credentials in free text: well-known formats (shared with the code-security auditor) and
 * `name = value` pairs whose name says secret and whose value looks real.
 */
export function findSecrets(text: string): Match[] {
  const matches: Match[] = [];
  for (const m of text.matchAll(PRIVATE_KEY)) {
    matches.push({
      kind: "secret",
      label: "private key",
      start: m.index,
      end: m.index + m[0].length,
      value: m[0],
    });
  }
  for (const m of text.matchAll(TOKEN)) {
    const format = knownSecretFormat(m[0]);
    if (format !== undefined)
      matches.push({
        kind: "secret",
        label: format,
        start: m.index,
        end: m.index + m[0].length,
        value: m[0],
      });
  }
  for (const m of text.matchAll(ASSIGNMENT)) {
    const [, name = "", value = ""] = m;
    const severity = secretSeverity(name, value);
    if (severity === "critical" || severity === "high") {
      const start = m.index + m[0].lastIndexOf(value);
      matches.push({
        kind: "secret",
        label: `credential in "${name}"`,
        start,
        end: start + value.length,
        value,
      });
    }
  }
  return matches;
}
