import { parsePatch } from "diff";
import { CrosscheckError } from "../../errors.js";

/** One file of a unified diff, seen from the new side. */
export interface ChangedFile {
  /** Path in the new tree (without the `b/` prefix). */
  readonly path: string;
  /** Lines added or modified, 1-based, in the new file. */
  readonly changedLines: ReadonlySet<number>;
  /**
   * The new side of every hunk (context and added lines) placed at its real line numbers, with
   * blank lines between hunks: a fragment that parses with line numbers that match the file.
   */
  readonly newText: string;
  readonly deleted: boolean;
}

function stripPrefix(name: string | undefined): string | undefined {
  if (name === undefined || name === "/dev/null") return undefined;
  return name.replace(/^[ab]\//, "").replace(/\t.*$/, "");
}

/** Parses a unified diff (git or plain) into the changed files and their added lines. */
export function parseUnifiedDiff(text: string): ChangedFile[] {
  if (text.trim() === "") return [];
  let patches: ReturnType<typeof parsePatch>;
  try {
    patches = parsePatch(text);
  } catch (error) {
    throw new CrosscheckError(
      "USAGE",
      `the diff is not a unified diff (${error instanceof Error ? error.message : String(error)}): pass the output of git diff or diff -u`,
      { cause: error },
    );
  }
  const files: ChangedFile[] = [];
  for (const patch of patches) {
    const newPath = stripPrefix(patch.newFileName);
    const oldPath = stripPrefix(patch.oldFileName);
    const path = newPath ?? oldPath;
    if (path === undefined) continue;
    const lines: string[] = [];
    const changed = new Set<number>();
    for (const hunk of patch.hunks) {
      let line = hunk.newStart;
      for (const raw of hunk.lines) {
        const mark = raw[0];
        if (mark === "-" || mark === "\\") continue;
        while (lines.length < line - 1) lines.push("");
        lines[line - 1] = raw.slice(1);
        if (mark === "+") changed.add(line);
        line++;
      }
    }
    files.push({ path, changedLines: changed, newText: lines.join("\n"), deleted: newPath === undefined });
  }
  return files;
}
