import fs from "node:fs";
import path from "node:path";
import { glob } from "tinyglobby";
import { CrosscheckError } from "../errors.js";

/** Where `crosscheck scenarios` looks when given no paths: the bundled suites. */
export const DEFAULT_SUITE_PATTERN = "scenarios/**/suite.ts";

/**
 * Resolves the paths and globs a user gave to suite files: a file as is, a directory to every
 * `suite.ts` below it, anything else as a glob. A path or glob that matches nothing is an error.
 */
export async function findSuiteFiles(patterns: readonly string[], cwd = process.cwd()): Promise<string[]> {
  const wanted = patterns.length > 0 ? patterns : [DEFAULT_SUITE_PATTERN];
  const files = new Set<string>();
  for (const pattern of wanted) {
    const resolved = path.resolve(cwd, pattern);
    let matches: string[];
    if (fs.existsSync(resolved) && fs.statSync(resolved).isFile()) {
      matches = [resolved];
    } else if (fs.existsSync(resolved) && fs.statSync(resolved).isDirectory()) {
      matches = await glob("**/suite.{ts,mts,js,mjs}", {
        cwd: resolved,
        absolute: true,
        ignore: ["**/node_modules/**"],
      });
    } else {
      matches = await glob(pattern, { cwd, absolute: true, ignore: ["**/node_modules/**"] });
    }
    if (matches.length === 0) {
      throw new CrosscheckError(
        "SUITE_INVALID",
        patterns.length === 0
          ? `no suites found at ${DEFAULT_SUITE_PATTERN}: pass suite files, directories or globs`
          : `no suite file matches ${JSON.stringify(pattern)}: check the path (files, directories and globs are accepted)`,
      );
    }
    for (const match of matches.sort()) files.add(path.normalize(match));
  }
  return [...files];
}
