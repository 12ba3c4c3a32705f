import { execFile } from "node:child_process";
import { CrosscheckError } from "../errors.js";

const MAX_BUFFER = 256 * 1024 * 1024;

/** Runs git (no shell) in `repo` and resolves to its stdout; a failure is a usage error naming the fix. */
export function git(repo: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      "git",
      ["-C", repo, ...args],
      { maxBuffer: MAX_BUFFER, encoding: "utf8" },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        const detail = (stderr || error.message).trim().split("\n")[0] ?? "";
        reject(
          new CrosscheckError(
            "USAGE",
            `git ${args.slice(0, 2).join(" ")} failed in ${repo}: ${detail}. Check that --repo is a git repository and --base/--head name commits in it`,
            { cause: error },
          ),
        );
      },
    );
  });
}

/** The file at `rev`, or undefined when it does not exist there (a new or deleted file). */
export async function showFile(repo: string, rev: string, path: string): Promise<string | undefined> {
  try {
    return await git(repo, ["show", `${rev}:${path}`]);
  } catch {
    return undefined;
  }
}
