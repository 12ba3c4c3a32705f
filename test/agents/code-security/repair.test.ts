import { describe, expect, it } from "vitest";
import { closingSuffix } from "../../../src/agents/code-security/repair.js";

describe("closingSuffix", () => {
  it("closes the brackets a fragment leaves open, innermost first", () => {
    expect(closingSuffix("foo(a, function () {\n  if (x) {\n", "javascript")).toBe("\n}})");
  });

  it("ignores brackets inside strings, template literals and comments", () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: JavaScript source under test
    expect(closingSuffix("const s = '({['; // (\n/* { */ const t = `[${a}`;\n", "javascript")).toBe("");
    expect(closingSuffix("x = '''(\n[''' # {\ncall(", "python")).toBe("\n)");
  });

  it("ignores a closer whose opener lies before the fragment", () => {
    expect(closingSuffix("  });\nbar([1,", "javascript")).toBe("\n])");
  });
});
