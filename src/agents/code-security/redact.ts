import { analyzeSource } from "./analyze.js";
import type { SourceLanguage } from "./parser.js";

/** Replaces every hard-coded secret literal in `code` by a redaction marker. */
export async function redactSecrets(
  code: string,
  language: SourceLanguage,
): Promise<{ code: string; redacted: number }> {
  const findings = (await analyzeSource(code, language)).filter((f) => f.secretRange !== undefined);
  if (findings.length === 0) return { code, redacted: 0 };
  const lines = code.split("\n");
  const offsets: number[] = [];
  let at = 0;
  for (const line of lines) {
    offsets.push(at);
    at += line.length + 1;
  }
  const ranges = findings
    .map((f) => {
      const r = f.secretRange as NonNullable<typeof f.secretRange>;
      return {
        start: (offsets[r.startRow] ?? 0) + r.startColumn,
        end: (offsets[r.endRow] ?? 0) + r.endColumn,
        severity: f.severity,
      };
    })
    .sort((a, b) => b.start - a.start);
  let out = code;
  let last = Number.POSITIVE_INFINITY;
  for (const { start, end, severity } of ranges) {
    if (end > last) continue;
    out = `${out.slice(0, start)}"<redacted secret:${severity}:${end - start}>"${out.slice(end)}`;
    last = start;
  }
  return { code: out, redacted: ranges.length };
}
