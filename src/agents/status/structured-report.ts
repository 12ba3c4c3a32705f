import { z } from "zod";
import type { StatusClaim } from "./claims.js";
import { textClaims } from "./text-claims.js";

const count = z.number().int().nonnegative();

/**
 * The documented fields of a structured status report. Every field is optional; keys are matched
 * without regard to case, `_` or `-` (`tests_passed`, `TestsPassed` and `testsPassed` are one
 * field). Unknown fields are ignored; a field of the wrong type is left out (and reported by
 * `parseStructuredStatus`), so one bad field never hides the others.
 */
export const StructuredStatusSchema = z.object({
  /** Free text, read sentence by sentence like a text report (also: notes, message, details, report). */
  summary: z.string(),
  /** The task is done. */
  complete: z.boolean(),
  /** The test suite passed. */
  testsPassed: z.boolean(),
  /** Counts of the last test run, and the command that ran it. */
  tests: z
    .object({
      passed: count,
      failed: count,
      skipped: count,
      total: count,
      command: z.string(),
    })
    .partial(),
  /** Tests deliberately skipped or excluded, disclosed (names, files or patterns). */
  skipped: z.array(z.string()),
  buildSucceeded: z.boolean(),
  typecheckPassed: z.boolean(),
  lintPassed: z.boolean(),
  /** Every file the worker edited, created, renamed or deleted: the complete list. */
  filesChanged: z.array(z.string()),
  /** Command lines the worker ran. */
  commands: z.array(z.string()),
  /** false: no network access at all; true, or the hosts used: network access. */
  network: z.union([z.boolean(), z.array(z.string())]),
  /** What the worker deleted (files, tables...); `[]` claims nothing was deleted. */
  deleted: z.array(z.string()),
  /** What was deployed, or where (`"v2"`, `"production"`); true: deployed; false: not deployed. */
  deployed: z.union([z.string().min(1), z.boolean()]),
});
export type StructuredStatus = Partial<z.infer<typeof StructuredStatusSchema>>;

const FIELDS = Object.keys(StructuredStatusSchema.shape) as (keyof StructuredStatus)[];
const TEXT_FIELDS = ["summary", "notes", "message", "details", "report"];
const normalizeKey = (key: string) => key.replace(/[_-]/g, "").toLowerCase();
const FIELD_BY_KEY = new Map<string, keyof StructuredStatus>(FIELDS.map((f) => [normalizeKey(f), f]));

/** A structured report's documented fields, and the ones whose value had the wrong type. */
export function parseStructuredStatus(record: Record<string, unknown>): {
  status: StructuredStatus;
  invalid: string[];
  texts: { field: string; text: string }[];
} {
  const status: Record<string, unknown> = {};
  const invalid: string[] = [];
  const texts: { field: string; text: string }[] = [];
  for (const [key, value] of Object.entries(record)) {
    const normalized = normalizeKey(key);
    const field = FIELD_BY_KEY.get(normalized);
    if (TEXT_FIELDS.includes(normalized) && typeof value === "string")
      texts.push({ field: key, text: value });
    if (field === undefined || field === "summary") continue;
    const parsed = StructuredStatusSchema.shape[field].safeParse(value);
    if (parsed.success) status[field] = parsed.data;
    else invalid.push(key);
  }
  return { status: status as StructuredStatus, invalid, texts };
}

const shown = (field: string, value: unknown) => `${field}: ${JSON.stringify(value)}`;

/** The claims of a structured report: its documented fields, then its free-text fields. */
export function structuredClaims(record: Record<string, unknown>): StatusClaim[] {
  const { status: s, texts } = parseStructuredStatus(record);
  const claims: StatusClaim[] = [];
  const add = (claim: Omit<StatusClaim, "from">) => claims.push({ ...claim, from: "field" });
  const skippedNote = s.skipped !== undefined && s.skipped.length > 0 ? s.skipped.join(", ") : undefined;

  const testsPassed = s.testsPassed ?? (s.tests?.failed === 0 ? true : undefined);
  if (testsPassed === true) {
    const text = s.testsPassed === undefined ? shown("tests", s.tests) : shown("testsPassed", true);
    add({
      kind: "tests-passed",
      text,
      ...(s.tests?.command === undefined ? {} : { commands: [s.tests.command] }),
      ...(s.tests?.passed === undefined ? {} : { count: s.tests.passed }),
      ...(skippedNote === undefined ? {} : { except: skippedNote }),
    });
  }
  if (s.skipped !== undefined && s.skipped.length === 0) {
    add({ kind: "nothing-skipped", text: shown("skipped", []) });
  } else if (s.tests?.skipped === 0) {
    add({ kind: "nothing-skipped", text: shown("tests", s.tests) });
  }
  if (s.buildSucceeded === true) add({ kind: "build-succeeded", text: shown("buildSucceeded", true) });
  if (s.typecheckPassed === true) add({ kind: "typecheck-passed", text: shown("typecheckPassed", true) });
  if (s.lintPassed === true) add({ kind: "lint-passed", text: shown("lintPassed", true) });
  if (s.filesChanged !== undefined) {
    // A structured list of changed files is the complete list.
    add({ kind: "files-only", text: shown("filesChanged", s.filesChanged), files: s.filesChanged });
  }
  if (s.commands !== undefined && s.commands.length > 0) {
    add({ kind: "commands-run", text: shown("commands", s.commands), commands: s.commands });
  }
  if (s.network === false) add({ kind: "no-network", text: shown("network", false) });
  else if (s.network !== undefined) add({ kind: "network-used", text: shown("network", s.network) });
  if (s.deleted !== undefined) {
    if (s.deleted.length === 0) add({ kind: "nothing-deleted", text: shown("deleted", []) });
    else add({ kind: "data-deleted", text: shown("deleted", s.deleted), files: s.deleted });
  }
  if (s.deployed !== undefined && s.deployed !== false) {
    add({
      kind: "deployed",
      text: shown("deployed", s.deployed),
      ...(typeof s.deployed === "string" ? { target: s.deployed } : {}),
    });
  }
  if (s.complete === true) add({ kind: "task-complete", text: shown("complete", true) });

  for (const { text } of texts) {
    for (const claim of textClaims(text)) {
      // A field already says it: the sentence adds nothing but a duplicate.
      if (claim.kind !== "files-changed" && claims.some((c) => c.kind === claim.kind)) continue;
      claims.push(claim);
    }
  }
  return claims;
}
