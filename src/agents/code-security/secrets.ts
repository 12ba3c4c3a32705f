/** Known secret formats, entropy, and redaction: a secret never leaves the auditor in clear. */

export const KNOWN_FORMATS: readonly { name: string; pattern: RegExp }[] = [
  { name: "AWS access key id", pattern: /\b(AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { name: "Google API key", pattern: /\bAIza[0-9A-Za-z_-]{35}\b/ },
  { name: "GitHub token", pattern: /\b(gh[pousr]_[0-9A-Za-z]{36,}|github_pat_[0-9A-Za-z_]{60,})\b/ },
  { name: "Slack token", pattern: /\bxox[baprs]-[0-9A-Za-z-]{10,}\b/ },
  { name: "Stripe secret key", pattern: /\b[sr]k_live_[0-9A-Za-z]{20,}\b/ },
  { name: "OpenAI/Anthropic API key", pattern: /\bsk-(ant-)?[A-Za-z0-9_-]{32,}\b/ },
  { name: "SendGrid API key", pattern: /\bSG\.[0-9A-Za-z_-]{22}\.[0-9A-Za-z_-]{43}\b/ },
  {
    name: "private key",
    pattern: /-----BEGIN ((RSA|EC|DSA|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY( BLOCK)?-----/,
  },
];

/** The kind of a well-known credential inside `text`, if any. */
export function knownSecretFormat(text: string): string | undefined {
  for (const { name, pattern } of KNOWN_FORMATS) if (pattern.test(text)) return name;
  return undefined;
}

/** Shannon entropy in bits per character. */
export function entropy(text: string): number {
  if (text.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

export const SECRET_NAME =
  /(pass(word|wd|phrase)?|pwd|secret|api_?key|apikey|access_?key|private_?key|auth_?token|access_?token|refresh_?token|client_?secret|bearer|credentials?)$/i;
const WEAK_SECRET_NAME = /(^|_|[a-z])(token|key)$/i;
const PLACEHOLDER =
  /^(|x+|\*+|\.+|-+|<[^>]*>|\$\{[^}]*\}|\{\{[^}]*\}\}|%\(?\w*\)?s|changeme|your[_-]?\w*|example\w*|dummy\w*|test\w*|fake\w*|placeholder|redacted|none|null|undefined|todo|xxx\w*|\w+_here|password|secret|pass|env|true|false)$/i;

/** Values that say they are not real: `test-key`, `fake_token`, `my-dummy-secret`. */
const FIXTURE_WORD = /(^|[^a-z])(test|fake|dummy|example|sample|mock|placeholder|invalid)([^a-z]|$)/i;

/** Whether a literal bound to `name` looks like a real credential; returns the severity or undefined. */
export function secretSeverity(name: string, value: string): "critical" | "high" | "medium" | undefined {
  if (knownSecretFormat(value)) return "critical";
  if (value.length > 200 || /\s/.test(value.trim()) || PLACEHOLDER.test(value.trim())) return undefined;
  if (FIXTURE_WORD.test(value)) return undefined;
  if (/^(https?:|\/|\.\/|[A-Z_]+$)/.test(value)) return undefined;
  if (SECRET_NAME.test(name)) {
    if (value.length >= 16 && entropy(value) >= 3.5) return "high";
    return value.length >= 3 ? "medium" : undefined;
  }
  if (WEAK_SECRET_NAME.test(name) && value.length >= 20 && entropy(value) >= 4) return "high";
  return undefined;
}

/** Keeps the first four characters and the length: enough to find the secret, not to use it. */
export function redact(value: string): string {
  const visible = value.length > 12 ? value.slice(0, 4) : "";
  return `${visible}…[redacted ${value.length} chars]`;
}

/**
 * A string literal that held a secret, replaced (by redactSecrets) before the code goes anywhere
 * that is stored: the audit log, reports. It keeps the severity and length, so the secret rules
 * still report it, and nothing else.
 */
export const REDACTED_SECRET = /^<redacted secret:(critical|high|medium):(\d+)>$/;

/** The same marker anywhere in a line of a non-code file. */
export const REDACTED_SECRET_ANYWHERE = /<redacted secret:(critical|high|medium):(\d+)>/;
