/** Lines an edit added and removed, per file. */
export interface LineChanges {
  readonly added: string[];
  readonly removed: string[];
}

const HEADER =
  /^(?:\+\+\+ |--- |\*\*\* (?:Update|Add|Delete) File: |diff --git |@@|index |new file mode|deleted file mode)/;

/** The `+++ b/path` (or `*** Update File: path`) of each file of a patch, with its line changes. */
export function patchFiles(patch: string): Map<string, LineChanges> {
  const files = new Map<string, LineChanges>();
  let current: LineChanges | undefined;
  for (const line of patch.split("\n")) {
    const named =
      /^\+\+\+ (?:b\/)?(.+?)(?:\t.*)?$/.exec(line)?.[1] ??
      /^\*\*\* (?:Update|Add) File: (.+)$/.exec(line)?.[1] ??
      /^\*\*\* Delete File: (.+)$/.exec(line)?.[1];
    if (named !== undefined && named !== "/dev/null") {
      current = files.get(named) ?? { added: [], removed: [] };
      files.set(named, current);
      continue;
    }
    if (current === undefined || HEADER.test(line)) continue;
    if (line.startsWith("+")) current.added.push(line.slice(1));
    else if (line.startsWith("-")) current.removed.push(line.slice(1));
  }
  return files;
}

/** Line changes of one file's diff (`+`/`-` lines; headers ignored). */
export function diffLines(diff: string): LineChanges {
  const changes: LineChanges = { added: [], removed: [] };
  for (const line of diff.split("\n")) {
    if (HEADER.test(line)) continue;
    if (line.startsWith("+")) changes.added.push(line.slice(1));
    else if (line.startsWith("-")) changes.removed.push(line.slice(1));
  }
  return changes;
}

/** Line changes of a search-and-replace edit: the old text's lines removed, the new text's added. */
export function replaceLines(oldText: string, newText: string): LineChanges {
  const oldLines = oldText.split("\n");
  const newLines = newText.split("\n");
  const kept = new Set(oldLines.filter((l) => newLines.includes(l)));
  return {
    added: newLines.filter((l) => !kept.has(l)),
    removed: oldLines.filter((l) => !kept.has(l)),
  };
}
