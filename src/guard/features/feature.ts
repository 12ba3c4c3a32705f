import type { Severity } from "../../domain/finding.js";

/** Where a feature matched, in the text it was given. */
export interface FeatureMatch {
  readonly start: number;
  readonly end: number;
}

/**
 * One scanner feature: a pattern of text aimed at a model rather than at a human reader. Each
 * belongs to one rule family (the finding's rule id) and carries a weight in the logistic score.
 * Patterns describe a technique, never a particular document.
 */
export interface Feature {
  /** Stable feature name, e.g. `override.ignore-previous`. */
  readonly name: string;
  /** The rule id its signals carry, e.g. `injection.instruction-override`. */
  readonly ruleId: string;
  readonly severity: Severity;
  /** Log-odds added to the score when the feature fires. */
  readonly weight: number;
  readonly message: string;
  /** The feature fires on the first pattern that matches (and is not vetoed). */
  readonly patterns?: readonly RegExp[];
  /** A match is ignored when this matches the match plus the 40 characters before it (e.g. a negation). */
  readonly unless?: RegExp;
  /** Structural features compute their match instead of (or besides) patterns. */
  readonly detect?: (text: string) => FeatureMatch | undefined;
}

const VETO_WINDOW = 40;
const GLOBAL = new WeakMap<RegExp, RegExp>();

/** The pattern with the `g` flag, compiled once (matchAll needs it). */
function globalOf(pattern: RegExp): RegExp {
  let global = GLOBAL.get(pattern);
  if (global === undefined) {
    global = new RegExp(pattern.source, pattern.flags.includes("g") ? pattern.flags : `${pattern.flags}g`);
    GLOBAL.set(pattern, global);
  }
  return global;
}

/** The first non-vetoed match of `feature` in `text`, if any. */
export function matchFeature(feature: Feature, text: string): FeatureMatch | undefined {
  for (const pattern of feature.patterns ?? []) {
    for (const m of text.matchAll(globalOf(pattern))) {
      const start = m.index;
      const end = start + m[0].length;
      if (feature.unless?.test(text.slice(Math.max(0, start - VETO_WINDOW), end))) continue;
      return { start, end };
    }
  }
  return feature.detect?.(text);
}
