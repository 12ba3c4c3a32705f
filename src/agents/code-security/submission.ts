import { z } from "zod";
import { parseUnifiedDiff } from "../code-review/diff.js";

/** What codeSecurity() audits, read from the output's content (or else the task's input). */
export const CodeFileSchema = z.object({
  path: z.string().min(1),
  content: z.string(),
  /** Only findings on these 1-based lines are reported (the changed lines of a diff). */
  changedLines: z.array(z.number().int().positive()).optional(),
  /** The file before the change, when known (dependency checks report only what changed). */
  previous: z.string().optional(),
});
export type CodeFile = z.infer<typeof CodeFileSchema>;

export const CodeSubmissionSchema = z.union([
  z.object({ files: z.array(CodeFileSchema) }),
  z.object({ diff: z.string() }),
  z.object({ code: z.string(), path: z.string().min(1).optional(), language: z.string().optional() }),
  z.string(),
]);
export type CodeSubmission = z.infer<typeof CodeSubmissionSchema>;

const EXTENSIONS: Record<string, string> = {
  javascript: "js",
  js: "js",
  typescript: "ts",
  ts: "ts",
  tsx: "tsx",
  python: "py",
  py: "py",
};

function looksLikeDiff(text: string): boolean {
  return /^(diff --git |--- \S)/m.test(text) && /^@@ -\d+/m.test(text);
}

/** The files to analyse in a submission; undefined when the value is not code we understand. */
export function filesOf(value: unknown): CodeFile[] | undefined {
  const parsed = CodeSubmissionSchema.safeParse(value);
  if (!parsed.success) return undefined;
  const submission = parsed.data;
  if (typeof submission === "string") {
    return looksLikeDiff(submission)
      ? filesOfDiff(submission)
      : [{ path: "snippet.js", content: submission }];
  }
  if ("files" in submission) return submission.files;
  if ("diff" in submission) return filesOfDiff(submission.diff);
  const ext = EXTENSIONS[submission.language?.toLowerCase() ?? ""] ?? "js";
  return [{ path: submission.path ?? `snippet.${ext}`, content: submission.code }];
}

function filesOfDiff(diff: string): CodeFile[] {
  return parseUnifiedDiff(diff)
    .filter((f) => !f.deleted)
    .map((f) => ({ path: f.path, content: f.newText, changedLines: [...f.changedLines] }));
}
