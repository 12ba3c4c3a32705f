import type { AuditInput } from "../agents/auditor.js";
import type { ScanContext } from "./scan.js";

/** One text an auditor scans, with where it came from. */
export interface GuardedText {
  readonly text: string;
  readonly context: ScanContext;
  /** Evidence id or trace event id the finding cites (none for the output itself). */
  readonly citeId?: string;
  /** Where it was found, e.g. `evidence[doc#2]`, `trace[t3].result.body`, `output.content.summary`. */
  readonly field: string;
}

/** Strings shorter than this carry no instruction worth scanning. */
const MIN_CHARS = 8;
/** Nesting below this depth is not walked (guards against pathological values). */
const MAX_DEPTH = 20;

/** Every string inside `value`, with its path below `field`. */
export function stringsIn(value: unknown, field: string, depth = 0): { text: string; field: string }[] {
  if (typeof value === "string") return value.length >= MIN_CHARS ? [{ text: value, field }] : [];
  if (depth >= MAX_DEPTH || value === null || typeof value !== "object") return [];
  if (Array.isArray(value)) return value.flatMap((item, i) => stringsIn(item, `${field}[${i}]`, depth + 1));
  return Object.entries(value as Record<string, unknown>).flatMap(([key, item]) =>
    stringsIn(item, `${field}.${key}`, depth + 1),
  );
}

/**
 * What flows into an agent in one case: the evidence, the results of tool calls (and other
 * recorded events with results), and the strings in the output's content. Tolerates malformed
 * inputs (anything missing is skipped).
 */
export function textsOf(input: Partial<AuditInput> | null | undefined): GuardedText[] {
  const texts: GuardedText[] = [];
  const evidence = Array.isArray(input?.evidence) ? input.evidence : [];
  for (const item of evidence) {
    if (typeof item?.text !== "string" || typeof item.id !== "string") continue;
    texts.push({ text: item.text, context: "evidence", citeId: item.id, field: `evidence[${item.id}]` });
  }
  const trace = Array.isArray(input?.trace) ? input.trace : [];
  for (const event of trace) {
    if (typeof event?.id !== "string" || event.kind === "model_call") continue;
    for (const found of stringsIn(event.result, `trace[${event.id}].result`)) {
      texts.push({ ...found, context: "tool-result", citeId: event.id });
    }
  }
  for (const found of stringsIn(input?.output?.content, "output.content")) {
    texts.push({ ...found, context: "document" });
  }
  return texts;
}
