import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AuditInput, Auditor } from "../../src/agents/auditor.js";
import { VerdictInputSchema } from "../../src/domain/verdict.js";

/** An audit input whose output carries `content` (and whose task carries `taskInput`). */
export function auditInputOf(content: unknown, taskInput: unknown = null): AuditInput {
  return {
    caseId: "case-1",
    task: { input: taskInput },
    output: { content },
    trace: [],
    evidence: [],
  } as AuditInput;
}

/**
 * The contract every auditor keeps: on any input (garbage, empty, huge) it never throws and
 * returns a valid verdict. Call it from a test file: `auditorContract("mine", () => mine())`.
 */
export function auditorContract(label: string, makeAuditor: () => Auditor): void {
  const signal = new AbortController().signal;
  const inputOf = auditInputOf;

  async function verdictFor(input: unknown, abort = signal) {
    const auditor = makeAuditor();
    const verdict = await auditor.audit(input as AuditInput, { signal: abort });
    return VerdictInputSchema.parse(verdict);
  }

  describe(`auditor contract: ${label}`, () => {
    it("returns a valid verdict for an empty output", async () => {
      await expect(verdictFor(inputOf(""))).resolves.toBeDefined();
      await expect(verdictFor(inputOf({ diff: "" }))).resolves.toBeDefined();
      await expect(verdictFor(inputOf({ files: [] }))).resolves.toBeDefined();
    });

    it("returns a valid verdict for malformed inputs instead of throwing", async () => {
      for (const bad of [null, undefined, 42, {}, { task: null }, { output: null }, "text"]) {
        await expect(verdictFor(bad)).resolves.toBeDefined();
      }
    });

    it("returns a valid verdict for any JSON content", async () => {
      await fc.assert(
        fc.asyncProperty(fc.jsonValue(), fc.jsonValue(), async (content, taskInput) => {
          await verdictFor(inputOf(content, taskInput));
        }),
        { numRuns: 60 },
      );
    });

    it("returns a valid verdict for random text as code, diff and files", async () => {
      await fc.assert(
        fc.asyncProperty(fc.string({ maxLength: 400 }), async (text) => {
          await verdictFor(inputOf({ code: text, language: "python" }));
          await verdictFor(inputOf({ diff: `--- a/x.js\n+++ b/x.js\n@@ -1 +1 @@\n+${text}\n` }));
          await verdictFor(
            inputOf({
              files: [
                { path: "a.ts", content: text },
                { path: "package.json", content: text },
              ],
            }),
          );
        }),
        { numRuns: 40 },
      );
    });

    it("returns a valid verdict for a huge input", async () => {
      const huge = "const a = b + c;\n".repeat(60_000);
      await expect(
        verdictFor(inputOf({ files: [{ path: "big.js", content: huge }] })),
      ).resolves.toBeDefined();
    });

    it("returns a valid verdict when already aborted", async () => {
      const controller = new AbortController();
      controller.abort();
      await expect(verdictFor(inputOf({ code: "eval(x)" }), controller.signal)).resolves.toBeDefined();
    });
  });
}
