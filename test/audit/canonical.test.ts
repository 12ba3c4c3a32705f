import canonicalize from "canonicalize";
import { describe, expect, it } from "vitest";
import { canonicalBody } from "../../src/audit/chain.js";
import type { EventBody } from "../../src/audit/events.js";

/** Deterministic PRNG (mulberry32), so a failure reproduces. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NUMBERS = [
  0,
  -0,
  1,
  -1,
  0.1,
  1e21,
  1e-7,
  5e-324,
  1.7976931348623157e308,
  123456789012345680000,
  2 ** 53,
  -3.5,
];
const STRINGS = [
  "",
  "a",
  "é",
  "€",
  "😀",
  "\u0000",
  '\n\t"\\',
  "\u2028",
  "z",
  "A",
  "aa",
  "\u00e9t\u00e9",
  "𝄞x",
  "\ufb33",
];

function randomValue(next: () => number, depth: number): unknown {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const roll = next();
  if (depth > 3 || roll < 0.35) return pick([...NUMBERS, ...STRINGS, true, false, null]);
  if (roll < 0.6) return Array.from({ length: Math.floor(next() * 4) }, () => randomValue(next, depth + 1));
  const object: Record<string, unknown> = {};
  for (let i = Math.floor(next() * 5); i > 0; i--)
    object[pick(STRINGS) + pick(["", "1", "b", "😀"])] = randomValue(next, depth + 1);
  if (next() < 0.2) object["skipped"] = undefined;
  return object;
}

function body(payload: unknown): EventBody {
  return {
    seq: 1,
    id: "id",
    ts: 1,
    kind: "crossexam.round",
    runId: "r",
    caseId: null,
    node: null,
    actor: { type: "system", id: "x", role: "y" },
    payload,
  };
}

describe("canonicalBody", () => {
  it("matches the canonicalize package (RFC 8785 reference) on 2,000 random values", () => {
    const next = prng(8785);
    for (let i = 0; i < 2000; i++) {
      const value = body(randomValue(next, 0));
      expect(canonicalBody(value)).toBe(canonicalize(value));
    }
  });

  it("sorts keys by UTF-16 code units and writes numbers the ECMAScript way", () => {
    expect(
      canonicalBody(body({ "\u20ac": 1, "\ud83d\ude00": 2, "\u00e9": 3, a: 1e21, b: -0, c: 1e-7 })),
    ).toContain('"payload":{"a":1e+21,"b":0,"c":1e-7,"é":3,"€":1,"😀":2}');
  });

  it("refuses what JSON cannot hold", () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, 10n, "\ud800"]) {
      expect(() => canonicalBody(body({ bad }))).toThrow(TypeError);
    }
    const cycle: Record<string, unknown> = {};
    cycle["self"] = cycle;
    expect(() => canonicalBody(body(cycle))).toThrow(/circular/);
  });
});
