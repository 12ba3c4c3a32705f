import type { Finding, Location, Severity } from "../../domain/finding.js";
import type { StatusClaim } from "./claims.js";
import type { CasePolicy } from "./options.js";
import { sentences } from "./sentences.js";
import { type CommandFact, type TraceFacts, traceRef } from "./trace-facts.js";

/** Everything one check reads: the report's claims and text, the trace's facts, the case policy. */
export interface CheckContext {
  readonly claims: readonly StatusClaim[];
  readonly facts: TraceFacts;
  readonly policy: CasePolicy;
  /** The whole report as lower-case text (structured reports as their JSON), to find disclosures. */
  readonly report: string;
}

export type Check = (context: CheckContext) => Finding[];

const MAX_QUOTE = 200;

/** Untrusted text quoted in a finding message: JSON-quoted and cut short. */
export function quote(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return JSON.stringify(flat.length > MAX_QUOTE ? `${flat.slice(0, MAX_QUOTE)}…` : flat);
}

/** A finding citing trace events by id. */
export function finding(
  ruleId: string,
  severity: Severity,
  message: string,
  eventIds: readonly string[],
  location?: Location,
): Finding {
  return {
    ruleId,
    severity,
    message,
    evidenceIds: [...new Set(eventIds)].map(traceRef),
    ...(location === undefined ? {} : { location }),
  };
}

/** `` `npm test` (trace event e4) exited 1 `` */
export function describeRun(run: CommandFact): string {
  const exit = run.exitCode === undefined ? "recorded no exit code" : `exited ${run.exitCode}`;
  return `\`${run.command}\` (trace event ${run.eventId}) ${exit}`;
}

const GENERIC = new Set([
  "test",
  "tests",
  "spec",
  "specs",
  "src",
  "lib",
  "js",
  "ts",
  "py",
  "the",
  "and",
  "file",
  "files",
]);

/** Distinctive words of a path or pattern (`test/e2e/login.spec.ts` -> e2e, login). */
export function subjectWords(subject: string): string[] {
  return subject
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length >= 3 && !GENERIC.has(w));
}

/** Whether a text names any distinctive word of a subject (a host, a failing test's file). */
export function disclosed(text: string, subject: string): boolean {
  const words = subjectWords(subject);
  return words.length > 0 && words.some((w) => new RegExp(`\\b${w}\\b`).test(text));
}

/**
 * Whether the report owns up to an action on a subject: a sentence names the file itself
 * (`xml.test.ts`), or says the action (skipped, removed...) beside a distinctive word of it
 * ("the flaky e2e, which I skipped"). Describing the feature a deleted test covered is not enough.
 */
export function owned(report: string, subject: string, action: RegExp): boolean {
  const base = subject.toLowerCase().split("/").pop() ?? "";
  if (base.length >= 4 && /\.\w+$/.test(base) && report.includes(base)) return true;
  return sentences(report).some((s) => action.test(s) && disclosed(s, subject));
}

/** The report as searchable lower-case text. */
export function reportText(status: unknown): string {
  if (status === undefined) return "";
  return (typeof status === "string" ? status : JSON.stringify(status)).toLowerCase();
}
