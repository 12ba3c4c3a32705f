import fs from "node:fs";
import path from "node:path";
import { parseUnifiedDiff } from "../agents/code-review/diff.js";
import { languageOf } from "../agents/code-security/parser.js";
import { redactSecrets } from "../agents/code-security/redact.js";
import type { CodeFile } from "../agents/code-security/submission.js";
import { redactTextSecrets } from "../agents/code-security/text-secrets.js";
import { isDependencyFile } from "../agents/dependency-provenance/auditor.js";
import { git, showFile } from "./git.js";

/** Where the changes come from: a git range of a repository, or a unified diff text. */
export type ReviewSource =
  | { readonly kind: "git"; readonly repo: string; readonly base?: string; readonly head?: string }
  | { readonly kind: "diff"; readonly text: string };

/** Files larger than this are reviewed through their diff hunks only. */
const MAX_WHOLE_FILE = 2 * 1024 * 1024;

/** Whether any auditor of the review reads this file. */
export function isReviewed(file: string): boolean {
  return languageOf(file) !== undefined || isDependencyFile(file);
}

/** The diff text of a git source: head (default: the working tree) against base (default: HEAD). */
export async function diffOf(source: Extract<ReviewSource, { kind: "git" }>): Promise<string> {
  const range = source.head ? [`${source.base ?? "HEAD"}...${source.head}`] : [source.base ?? "HEAD"];
  return git(source.repo, ["diff", "--no-color", "--no-ext-diff", "--unified=3", ...range, "--"]);
}

/**
 * The changed files, with their changed lines, their whole new text where the repository is at
 * hand (so the analysis sees whole functions), and the old text of dependency manifests.
 * Secrets in code are redacted here, before anything is stored or printed.
 */
export async function collectChanges(source: ReviewSource): Promise<CodeFile[]> {
  const diffText = source.kind === "diff" ? source.text : await diffOf(source);
  const files: CodeFile[] = [];
  for (const changed of parseUnifiedDiff(diffText)) {
    if (changed.deleted) continue;
    let content = changed.newText;
    let previous: string | undefined;
    if (source.kind === "git") {
      const whole = source.head
        ? await showFile(source.repo, source.head, changed.path)
        : readWorkingFile(source.repo, changed.path);
      if (whole !== undefined && whole.length <= MAX_WHOLE_FILE) content = whole;
      if (isDependencyFile(changed.path)) {
        const before = await showFile(source.repo, source.base ?? "HEAD", changed.path);
        previous = before === undefined ? undefined : redactTextSecrets(before, changed.path);
      }
    }
    // Secrets are redacted before the change is stored anywhere; binaries are not kept at all.
    const language = languageOf(changed.path);
    if (language) content = (await redactSecrets(content, language)).code;
    else if (content.includes("\u0000")) content = "";
    else content = redactTextSecrets(content, changed.path);
    files.push({
      path: changed.path,
      content,
      changedLines: [...changed.changedLines].sort((a, b) => a - b),
      ...(previous === undefined ? {} : { previous }),
    });
  }
  return files;
}

function readWorkingFile(repo: string, file: string): string | undefined {
  try {
    return fs.readFileSync(path.join(repo, file), "utf8");
  } catch {
    return undefined;
  }
}
