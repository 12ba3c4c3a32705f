import { DEFAULT_THRESHOLD, type GuardResult, type ScanOptions, scanText } from "./scan.js";

/** A model-backed judgement of one text: probability of injection (0..1) and why. */
export interface ClassifierResult {
  score: number;
  rationale: string;
}

/** Any function that judges a text, e.g. {@link anthropicClassifier}'s result. */
export type GuardClassifier = (text: string, signal?: AbortSignal) => Promise<ClassifierResult>;

export interface ClassifiedScanOptions extends ScanOptions {
  /** Optional model-backed classifier combined with the deterministic score. */
  classifier?: GuardClassifier;
  /** Weight of the classifier in the combined score (0..1). Default {@link DEFAULT_CLASSIFIER_WEIGHT}. */
  classifierWeight?: number;
  signal?: AbortSignal;
}

/** A scan result, with the classifier's part when one ran. */
export interface ClassifiedGuardResult extends GuardResult {
  /** The deterministic score before the classifier was combined. */
  deterministicScore: number;
  classifier?: ClassifierResult;
}

export const DEFAULT_CLASSIFIER_WEIGHT = 0.5;

/**
 * Scans `text` deterministically and, when a classifier is given, combines both scores as a
 * weighted mean: `(1 - w) * deterministic + w * classifier`. The classifier's rationale is kept.
 * A classifier that fails throws: a guard that silently fell back would read as a clean pass.
 */
export async function scanWithClassifier(
  text: string,
  options: ClassifiedScanOptions = {},
): Promise<ClassifiedGuardResult> {
  const base = scanText(text, options);
  if (options.classifier === undefined) return { ...base, deterministicScore: base.score };
  const judged = await options.classifier(text, options.signal);
  const modelScore = Math.min(1, Math.max(0, Number.isFinite(judged.score) ? judged.score : 0));
  const w = Math.min(1, Math.max(0, options.classifierWeight ?? DEFAULT_CLASSIFIER_WEIGHT));
  const score = (1 - w) * base.score + w * modelScore;
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const verdict = score >= threshold ? "injection" : score >= threshold / 2 ? "suspicious" : "clean";
  const signals =
    modelScore >= threshold / 2
      ? [
          ...base.signals,
          {
            ruleId: "injection.classifier",
            severity: modelScore >= threshold ? ("high" as const) : ("medium" as const),
            message: `model-backed classifier: ${judged.rationale}`,
            feature: "classifier",
          },
        ]
      : base.signals;
  return {
    ...base,
    score,
    verdict,
    signals,
    deterministicScore: base.score,
    classifier: { score: modelScore, rationale: judged.rationale },
  };
}
