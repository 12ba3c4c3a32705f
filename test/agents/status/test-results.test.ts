import { describe, expect, it } from "vitest";
import { parseTestResults } from "../../../src/agents/status/test-results.js";

describe("parseTestResults", () => {
  it("reads a Vitest summary and ignores the file counts", () => {
    const out =
      " FAIL  test/a.test.ts > adds\n\n Test Files  1 failed | 3 passed (4)\n      Tests  2 failed | 38 passed (40)\n";
    expect(parseTestResults(out)).toEqual({ failed: 2, passed: 38, total: 40, failing: ["test/a.test.ts"] });
  });

  it("reads a Jest summary", () => {
    const out =
      "FAIL src/login.test.ts\nTest Suites: 1 failed, 4 passed, 5 total\nTests:       1 failed, 2 skipped, 39 passed, 42 total";
    expect(parseTestResults(out)).toEqual({
      failed: 1,
      skipped: 2,
      passed: 39,
      total: 42,
      failing: ["src/login.test.ts"],
    });
  });

  it("reads a pytest summary and its FAILED ids", () => {
    const out =
      "FAILED tests/test_a.py::test_b - assert 1 == 2\n===== 1 failed, 11 passed, 1 skipped in 0.52s =====";
    expect(parseTestResults(out)).toEqual({
      failed: 1,
      passed: 11,
      skipped: 1,
      total: 13,
      failing: ["tests/test_a.py::test_b"],
    });
  });

  it("reads mocha's passing and failing lines together", () => {
    expect(parseTestResults("  40 passing (2s)\n  1 pending\n  2 failing\n")).toEqual({
      passed: 40,
      skipped: 1,
      failed: 2,
      total: 43,
      failing: [],
    });
  });

  it("reads cargo's test result line", () => {
    expect(parseTestResults("test result: ok. 40 passed; 0 failed; 2 ignored; 0 measured")).toEqual({
      passed: 40,
      failed: 0,
      skipped: 2,
      total: 42,
      failing: [],
    });
  });

  it("reads Jasmine and RSpec totals", () => {
    expect(parseTestResults("12 specs, 1 failure, 1 pending spec")).toEqual({
      total: 12,
      failed: 1,
      skipped: 1,
      passed: 10,
      failing: [],
    });
    expect(parseTestResults("30 examples, 0 failures")).toEqual({
      total: 30,
      failed: 0,
      passed: 30,
      failing: [],
    });
  });

  it("reads TAP and node:test totals", () => {
    expect(parseTestResults("# tests 12\n# pass 11\n# fail 1\n# skipped 0")).toEqual({
      total: 12,
      passed: 11,
      failed: 1,
      skipped: 0,
      failing: [],
    });
  });

  it("finds nothing in output with no summary", () => {
    expect(parseTestResults("compiled in 2s")).toEqual({ failing: [] });
  });
});
