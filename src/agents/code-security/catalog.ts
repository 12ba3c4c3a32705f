/** The rules of codeSecurity(): CWE, family (as in the scoring set), title and fix hint. */
export interface RuleMeta {
  readonly cwe: number;
  readonly family: string;
  readonly title: string;
  readonly fix: string;
}

export const RULES = {
  "code.cwe-78": {
    cwe: 78,
    family: "command-injection",
    title: "OS command injection",
    fix: "pass arguments as an array without a shell (execFile / subprocess.run([...])), never a built command string",
  },
  "code.cwe-94": {
    cwe: 94,
    family: "code-injection",
    title: "code injection",
    fix: "do not build code at run time; map inputs to fixed functions",
  },
  "code.cwe-95": {
    cwe: 95,
    family: "code-injection",
    title: "eval of dynamic data",
    fix: "parse data with JSON.parse / ast.literal_eval instead of eval",
  },
  "code.cwe-89": {
    cwe: 89,
    family: "sql-injection",
    title: "SQL injection",
    fix: "use parameterised queries (placeholders and a values argument)",
  },
  "code.cwe-22": {
    cwe: 22,
    family: "path-traversal",
    title: "path traversal",
    fix: "resolve the path and check it stays inside an allowed root (or use basename)",
  },
  "code.cwe-502": {
    cwe: 502,
    family: "insecure-deserialization",
    title: "insecure deserialization",
    fix: "deserialize only trusted data, or use JSON / yaml.safe_load",
  },
  "code.cwe-798": {
    cwe: 798,
    family: "hardcoded-secret",
    title: "hard-coded secret",
    fix: "read the secret from the environment or a secret manager, and rotate the leaked one",
  },
  "code.cwe-327": {
    cwe: 327,
    family: "weak-crypto",
    title: "broken or risky cryptography",
    fix: "use AES-GCM or ChaCha20-Poly1305 with a random IV",
  },
  "code.cwe-328": {
    cwe: 328,
    family: "weak-crypto",
    title: "weak hash",
    fix: "use SHA-256 or better; for passwords use bcrypt, scrypt or argon2",
  },
  "code.cwe-338": {
    cwe: 338,
    family: "weak-random",
    title: "weak random number generator",
    fix: "use crypto.randomBytes / crypto.randomUUID or Python's secrets module for security values",
  },
  "code.cwe-295": {
    cwe: 295,
    family: "tls-cleartext",
    title: "TLS certificate verification disabled",
    fix: "keep certificate verification on; trust a private CA with a CA bundle instead",
  },
  "code.cwe-319": { cwe: 319, family: "tls-cleartext", title: "cleartext transport", fix: "use https://" },
  "code.cwe-918": {
    cwe: 918,
    family: "ssrf",
    title: "server-side request forgery",
    fix: "allow-list hosts and schemes before requesting a URL built from input",
  },
  "code.cwe-79": {
    cwe: 79,
    family: "xss",
    title: "cross-site scripting sink",
    fix: "render as text (textContent, auto-escaping templates) or sanitise with DOMPurify",
  },
  "code.cwe-1333": {
    cwe: 1333,
    family: "redos",
    title: "regular expression denial of service",
    fix: "avoid nested or overlapping quantifiers; never build a RegExp from input without escaping it",
  },
  "code.cwe-1321": {
    cwe: 1321,
    family: "prototype-pollution",
    title: "prototype pollution",
    fix: "skip __proto__, constructor and prototype keys, or use Object.create(null) / Map",
  },
  "code.cwe-208": {
    cwe: 208,
    family: "timing-attack",
    title: "timing-unsafe secret comparison",
    fix: "compare secrets with crypto.timingSafeEqual / hmac.compare_digest",
  },
  "code.cwe-345": {
    cwe: 345,
    family: "origin-check",
    title: "postMessage to any origin",
    fix: "pass the exact target origin instead of '*'",
  },
  "code.cwe-119": {
    cwe: 119,
    family: "memory-safety",
    title: "unsafe buffer allocation",
    fix: "use Buffer.from / Buffer.alloc",
  },
} as const satisfies Record<string, RuleMeta>;

export type RuleId = keyof typeof RULES;
