import { describe, expect, it } from "vitest";
import { bareModelId, costOf, priceOf } from "../../../src/agents/model/pricing.js";
import type { ModelUsage } from "../../../src/agents/model/usage.js";

const usage = (model: string, fields: Partial<ModelUsage> = {}): ModelUsage => ({
  model,
  tokensIn: 1_000_000,
  tokensOut: 1_000_000,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  stopReason: "end_turn",
  ...fields,
});

describe("model prices", () => {
  it("picks the longest matching prefix, with or without the provider", () => {
    expect(priceOf("anthropic:claude-opus-4-5-20251101")?.prefix).toBe("claude-opus-4-5");
    expect(priceOf("claude-opus-4-1")?.prefix).toBe("claude-opus-4");
    expect(priceOf("openai:gpt-4o-mini")?.prefix).toBe("gpt-4o-mini");
    expect(bareModelId("anthropic:claude-x")).toBe("claude-x");
  });

  it("costs a million tokens in and out at the list price", () => {
    // claude-sonnet-4: $3 in + $15 out per million tokens.
    expect(costOf(usage("claude-sonnet-4-5"))).toBeCloseTo(18, 10);
    // claude-haiku-4-5: $1 + $5.
    expect(costOf(usage("anthropic:claude-haiku-4-5"))).toBeCloseTo(6, 10);
  });

  it("prices cache reads at a tenth and cache writes at 1.25 times the input price", () => {
    const cached = usage("claude-sonnet-4-5", {
      tokensIn: 1_000_000,
      tokensOut: 0,
      cacheReadTokens: 500_000,
      cacheWriteTokens: 250_000,
    });
    // 250k uncached * $3 + 250k writes * $3.75 + 500k reads * $0.30, per million.
    expect(costOf(cached)).toBeCloseTo(0.75 + 0.9375 + 0.15, 10);
  });

  it("has no cost for a model it does not know, and takes an overriding table", () => {
    expect(costOf(usage("mystery-1"))).toBeUndefined();
    expect(
      costOf(usage("mystery-1"), [{ prefix: "mystery", inputPerMTok: 2, outputPerMTok: 4 }]),
    ).toBeCloseTo(6, 10);
  });
});
