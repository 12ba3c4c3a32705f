import type { ModelUsage } from "./usage.js";

/** Prices of a model family in US dollars per million tokens. */
export interface ModelPrice {
  /** Matches a model id that starts with this (after any `provider:` prefix), e.g. `claude-sonnet-4`. */
  prefix: string;
  inputPerMTok: number;
  outputPerMTok: number;
  /** Default 1.25 x input (Anthropic's 5-minute cache write). */
  cacheWritePerMTok?: number;
  /** Default 0.1 x input (Anthropic's cache read). */
  cacheReadPerMTok?: number;
}

/**
 * APPROXIMATE list prices (USD per million tokens) as published by the providers in late 2025.
 * Prices change: pass your own table (`prices` option) when the numbers matter. The longest
 * matching prefix wins; a model that matches none has no cost (undefined), never a guess.
 */
export const DEFAULT_PRICES: readonly ModelPrice[] = Object.freeze([
  { prefix: "claude-opus-4-5", inputPerMTok: 5, outputPerMTok: 25 },
  { prefix: "claude-opus-4", inputPerMTok: 15, outputPerMTok: 75 },
  { prefix: "claude-sonnet-4", inputPerMTok: 3, outputPerMTok: 15 },
  { prefix: "claude-3-7-sonnet", inputPerMTok: 3, outputPerMTok: 15 },
  { prefix: "claude-haiku-4-5", inputPerMTok: 1, outputPerMTok: 5 },
  { prefix: "claude-3-5-haiku", inputPerMTok: 0.8, outputPerMTok: 4 },
  { prefix: "claude-3-haiku", inputPerMTok: 0.25, outputPerMTok: 1.25 },
  {
    prefix: "gpt-4o-mini",
    inputPerMTok: 0.15,
    outputPerMTok: 0.6,
    cacheReadPerMTok: 0.075,
    cacheWritePerMTok: 0.15,
  },
  { prefix: "gpt-4o", inputPerMTok: 2.5, outputPerMTok: 10, cacheReadPerMTok: 1.25, cacheWritePerMTok: 2.5 },
]);

/** `anthropic:claude-sonnet-4-5` -> `claude-sonnet-4-5`. */
export function bareModelId(model: string): string {
  const colon = model.indexOf(":");
  return colon === -1 ? model : model.slice(colon + 1);
}

export function priceOf(
  model: string,
  prices: readonly ModelPrice[] = DEFAULT_PRICES,
): ModelPrice | undefined {
  const id = bareModelId(model);
  let best: ModelPrice | undefined;
  for (const price of prices) {
    if (id.startsWith(price.prefix) && (best === undefined || price.prefix.length > best.prefix.length)) {
      best = price;
    }
  }
  return best;
}

/**
 * Cost of one call in US dollars: uncached input, cache writes and cache reads at their own
 * prices, plus output. Undefined when the model has no price in the table.
 */
export function costOf(
  usage: ModelUsage,
  prices: readonly ModelPrice[] = DEFAULT_PRICES,
): number | undefined {
  const price = priceOf(usage.model, prices);
  if (price === undefined) return undefined;
  const cacheWrite = price.cacheWritePerMTok ?? price.inputPerMTok * 1.25;
  const cacheRead = price.cacheReadPerMTok ?? price.inputPerMTok * 0.1;
  const uncached = Math.max(0, usage.tokensIn - usage.cacheReadTokens - usage.cacheWriteTokens);
  const dollars =
    uncached * price.inputPerMTok +
    usage.cacheWriteTokens * cacheWrite +
    usage.cacheReadTokens * cacheRead +
    usage.tokensOut * price.outputPerMTok;
  return dollars / 1_000_000;
}
