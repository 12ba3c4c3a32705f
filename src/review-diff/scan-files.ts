import fs from "node:fs";
import path from "node:path";
import ignore, { type Ignore } from "ignore";
import type { CodeFile } from "../agents/code-security/submission.js";
import { CrosscheckError } from "../errors.js";
import { isReviewed } from "./collect.js";

/** Files larger than this are skipped by `scan` (generated or minified code). */
export const MAX_SCAN_FILE_BYTES = 2 * 1024 * 1024;
/** Configuration and key files searched for secrets (code and manifests are always read). */
const SECRET_BEARING =
  /(^|[\\/])\.env(\.[\w.-]+)?$|\.(json|ya?ml|ini|toml|cfg|conf|properties|sh|bash|zsh|tf|tfvars|pem|key|npmrc|pypirc)$/i;
const ALWAYS_SKIPPED = new Set([".git", "node_modules", ".hg", ".svn"]);

interface Rules {
  readonly base: string;
  readonly ignore: Ignore;
}

function rulesIn(dir: string): Rules | undefined {
  const file = path.join(dir, ".gitignore");
  if (!fs.existsSync(file)) return undefined;
  return { base: dir, ignore: ignore().add(fs.readFileSync(file, "utf8")) };
}

function ignored(full: string, isDir: boolean, rules: readonly Rules[]): boolean {
  for (const r of rules) {
    const rel = path.relative(r.base, full).split(path.sep).join("/");
    if (rel === "" || rel.startsWith("..")) continue;
    if (r.ignore.ignores(isDir ? `${rel}/` : rel)) return true;
  }
  return false;
}

/**
 * The files under `paths` that an auditor reads (JS/TS/Python sources, dependency manifests,
 * and configuration files that may hold secrets),
 * respecting every .gitignore on the way down; paths are relative to `cwd`.
 */
export function scanFiles(
  paths: readonly string[],
  cwd = process.cwd(),
): { files: string[]; skipped: number } {
  const out: string[] = [];
  let skipped = 0;
  const visit = (full: string, rules: readonly Rules[]) => {
    const stat = fs.statSync(full);
    if (stat.isDirectory()) {
      const own = rulesIn(full);
      const scoped = own ? [...rules, own] : rules;
      for (const entry of fs
        .readdirSync(full, { withFileTypes: true })
        .sort((a, b) => a.name.localeCompare(b.name))) {
        if (ALWAYS_SKIPPED.has(entry.name) || entry.isSymbolicLink()) continue;
        const child = path.join(full, entry.name);
        if (ignored(child, entry.isDirectory(), scoped)) continue;
        visit(child, scoped);
      }
    } else if (stat.isFile() && (isReviewed(full) || SECRET_BEARING.test(full))) {
      if (stat.size > MAX_SCAN_FILE_BYTES) skipped++;
      else out.push(path.relative(cwd, full) || path.basename(full));
    }
  };
  for (const p of paths) {
    const full = path.resolve(cwd, p);
    if (!fs.existsSync(full))
      throw new CrosscheckError("USAGE", `scan: ${p} does not exist: pass files or folders to scan`);
    visit(full, []);
  }
  return { files: [...new Set(out)], skipped };
}

/** Reads scanned files as whole files to audit (every line counts). */
export function readScanned(files: readonly string[], cwd = process.cwd()): CodeFile[] {
  return files.map((file) => ({ path: file, content: fs.readFileSync(path.resolve(cwd, file), "utf8") }));
}
