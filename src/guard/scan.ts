import type { Severity } from "../domain/finding.js";
import { sha256Hex } from "../internal/sha256.js";
import type { Feature } from "./features/feature.js";
import { matchFeature } from "./features/feature.js";
import { FEATURES } from "./features/index.js";
import { type HiddenPart, type Revealed, reveal } from "./hidden.js";

/** One reason a text looks like an injection. */
export interface GuardSignal {
  /** Rule family, e.g. `injection.instruction-override`. */
  ruleId: string;
  severity: Severity;
  message: string;
  /** [start, end) in the scanned text (UTF-16 code units). */
  span?: [number, number];
  /** The matched text, shortened, with invisible characters made visible. */
  excerpt?: string;
  /** The scanner feature that fired (finer than the rule id), e.g. `override.ignore-previous`. */
  feature?: string;
}

export interface GuardResult {
  /** Probability-like score in 0..1 (logistic combination of the signals). */
  score: number;
  verdict: "clean" | "suspicious" | "injection";
  signals: GuardSignal[];
  /** SHA-256 of the scanned text, so a log can name what was scanned without copying it. */
  textSha256: string;
}

/** Where the text comes from; it shifts how much some signals weigh. */
export type ScanContext = "evidence" | "tool-result" | "tool-description" | "prompt" | "document";

export interface ScanOptions {
  /** Default: none (every signal at its base weight). */
  context?: ScanContext;
  /** Score at or above which the verdict is `injection`. Default {@link DEFAULT_THRESHOLD}. */
  threshold?: number;
}

/** Default threshold of the `injection` verdict; `suspicious` starts at half of it. */
export const DEFAULT_THRESHOLD = 0.5;
/** Log-odds of a text with no signal at all. */
export const BIAS = -3.5;
const EXCERPT_CHARS = 120;

/**
 * How much a feature (by name) or a rule family (by rule id) weighs in a context: a multiplier
 * of the feature weight; 0 turns the feature off. Prompts and tool descriptions are imperative
 * by nature ("Create a new issue in ..."), so a request in them is not a planted one.
 */
const CONTEXT_WEIGHTS: Record<ScanContext, Partial<Record<string, number>>> = {
  prompt: {
    "task.embedded-request": 0,
    "task.off-topic-request": 0,
    "injection.embedded-task": 0.5,
    "injection.secret-probe": 1.2,
  },
  "tool-description": {
    "task.embedded-request": 0,
    "task.off-topic-request": 0,
    "injection.tool-poisoning": 1.3,
    "injection.embedded-task": 0.7,
  },
  "tool-result": { "injection.embedded-task": 1.2 },
  evidence: { "injection.embedded-task": 1.2 },
  document: { "injection.embedded-task": 1.2 },
};

/** Weights of hidden text; a hidden payload that itself carries instructions weighs more. */
const HIDDEN_WEIGHTS: Record<HiddenPart["kind"], number> = {
  "zero-width": 2,
  bidi: 2.5,
  "unicode-tags": 4,
  "html-comment": 0.5,
  base64: 1,
  encoded: 1.5,
  "css-hidden": 1.5,
};
const HIDDEN_INSTRUCTION_BONUS = 2.5;

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

function excerptOf(text: string, span: [number, number]): string {
  const raw = text.slice(span[0], Math.min(span[1], span[0] + EXCERPT_CHARS));
  const visible = raw
    .replace(
      /[\u200B-\u200F\u2060-\u2064\u202A-\u202E\u2066-\u2069\uFEFF\u00AD\u180E]/gu,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
    )
    .replace(/[\u{E0000}-\u{E007F}]/gu, "");
  return span[1] - span[0] > EXCERPT_CHARS ? `${visible}…` : visible;
}

interface Hit {
  feature: Feature;
  /** Span in the revealed text. */
  start: number;
  end: number;
}

/** Every feature that fires on `text`, first match of each. */
function matchFeatures(text: string): Hit[] {
  const hits: Hit[] = [];
  for (const feature of FEATURES) {
    const m = matchFeature(feature, text);
    if (m) hits.push({ feature, start: m.start, end: m.end });
  }
  return hits;
}

function weightOf(feature: Feature, context: ScanContext | undefined): number {
  if (context === undefined) return feature.weight;
  const weights = CONTEXT_WEIGHTS[context];
  return feature.weight * (weights[feature.name] ?? weights[feature.ruleId] ?? 1);
}

function toOriginal(revealed: Revealed, start: number, end: number): [number, number] {
  const a = revealed.offsets[start] ?? 0;
  const b = end > start ? (revealed.offsets[end - 1] ?? a) + 1 : a;
  return [a, b];
}

const HIDDEN_MESSAGES: Record<HiddenPart["kind"], string> = {
  "zero-width": "contains zero-width characters (invisible to a reader, read by the model)",
  bidi: "contains bidirectional-override characters that reorder what a reader sees",
  "unicode-tags": "contains invisible Unicode tag characters that spell out text",
  "html-comment": "contains an HTML comment (not rendered for a reader)",
  base64: "contains a base64 blob that decodes to text",
  encoded: "contains binary, hex or Morse code that decodes to text (token smuggling)",
  "css-hidden": "contains text styled to be invisible",
};

/**
 * Scores `text` for prompt injection and tool poisoning. Deterministic, no I/O. It flags; it
 * never changes or drops the text.
 */
export function scanText(text: string, options: ScanOptions = {}): GuardResult {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const context = options.context;
  const revealed = reveal(text);
  const signals: GuardSignal[] = [];
  let z = BIAS;

  for (const hit of matchFeatures(revealed.text)) {
    const weight = weightOf(hit.feature, context);
    if (weight === 0) continue;
    z += weight;
    const span = toOriginal(revealed, hit.start, hit.end);
    signals.push({
      ruleId: hit.feature.ruleId,
      severity: hit.feature.severity,
      message: hit.feature.message,
      span,
      excerpt: excerptOf(text, span),
      feature: hit.feature.name,
    });
  }

  const seenKinds = new Set<HiddenPart["kind"]>();
  for (const part of revealed.hidden) {
    const inner = part.decoded !== undefined ? matchFeatures(part.decoded) : [];
    const first = !seenKinds.has(part.kind);
    seenKinds.add(part.kind);
    if (!first && inner.length === 0) continue;
    // Invisible characters scattered inside words are a stronger sign than a single one.
    z += first ? HIDDEN_WEIGHTS[part.kind] : 0;
    if (inner.length > 0) z += HIDDEN_INSTRUCTION_BONUS;
    const what =
      inner.length > 0 ? `; hidden content: ${inner.map((h) => h.feature.message).join("; ")}` : "";
    signals.push({
      ruleId: "injection.hidden-text",
      severity:
        inner.length > 0 ? "high" : part.kind === "html-comment" || part.kind === "base64" ? "low" : "medium",
      message: `${HIDDEN_MESSAGES[part.kind]}${what}`,
      span: part.span,
      excerpt:
        part.decoded !== undefined
          ? excerptOf(part.decoded, [0, part.decoded.length])
          : excerptOf(text, part.span),
      feature: `hidden.${part.kind}`,
    });
  }

  const score = sigmoid(z);
  const verdict = score >= threshold ? "injection" : score >= threshold / 2 ? "suspicious" : "clean";
  return { score, verdict, signals, textSha256: sha256Hex(text) };
}
