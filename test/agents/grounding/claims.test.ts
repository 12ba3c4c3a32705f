import { describe, expect, it } from "vitest";
import { splitClaims } from "../../../src/agents/grounding/claims.js";

describe("splitClaims", () => {
  it("splits an answer into its sentences, with their spans in the answer", () => {
    const answer = "The line opened in 1962. It was electrified in 1988.";
    expect(splitClaims(answer)).toEqual([
      { text: "The line opened in 1962.", span: [0, 24], short: false },
      { text: "It was electrified in 1988.", span: [25, 52], short: false },
    ]);
  });

  it("splits a sentence into clauses at a semicolon and at a comma before a conjunction", () => {
    const claims = splitClaims(
      "Lake Orren covers 38 square kilometres; its deepest point is 96 metres, but swimming is allowed everywhere.",
    );
    expect(claims.map((claim) => claim.text)).toEqual([
      "Lake Orren covers 38 square kilometres",
      "its deepest point is 96 metres",
      "but swimming is allowed everywhere.",
    ]);
  });

  it("keeps a list of names in one claim", () => {
    const claims = splitClaims(
      "The company was founded by Ana Petrov, and Tomasz Lind in Rotterdam in 2009.",
    );
    expect(claims).toHaveLength(1);
  });

  it("does not end a sentence at initials, Jr. or v.", () => {
    expect(
      splitClaims(
        "The case Marsh v. Chambers was decided by Samuel A. Alito Jr. and others in the year 2005.",
      ),
    ).toHaveLength(1);
  });

  it("treats an answer of a few words as one short claim, to be read with its question", () => {
    expect(splitClaims("Paris")).toEqual([{ text: "Paris", span: [0, 5], short: true }]);
    expect(splitClaims("  since 7 October 2000. ")).toEqual([
      { text: "since 7 October 2000.", span: [2, 23], short: true },
    ]);
  });

  it("reads a bare yes or no to a yes/no question as the question affirmed or denied", () => {
    expect(splitClaims("Yes.", "Are Lake Orren and Lake Coll both in the Vessa Highlands?")).toEqual([
      {
        text: "Are Lake Orren and Lake Coll both in the Vessa Highlands",
        span: [0, 4],
        short: false,
        polarity: "yes",
      },
    ]);
    expect(splitClaims("no", "Did the festival start in 1931?")[0]?.polarity).toBe("no");
    expect(splitClaims("Yes", "Which lake is deeper?")[0]?.short).toBe(true);
  });

  it("returns no claim for an empty answer", () => {
    expect(splitClaims("   ")).toEqual([]);
  });
});
