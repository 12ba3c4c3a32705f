/**
 * Scores codeSecurity()'s analysis on the labelled development set in ../shared/data/code-security
 * (see its README): recall per language and family (a finding of the right family anywhere in
 * the window, and stricter, on the flagged line) and the false-positive rate on each negatives
 * file (windows with any finding at severity medium or higher). Also prints lines scanned per
 * second. Run: `npx tsx bench/code-security.ts [--data DIR] [--show-fp N]`.
 */
import fs from "node:fs";
import path from "node:path";
import { analyzeSource } from "../src/agents/code-security/analyze.js";
import type { SourceLanguage } from "../src/agents/code-security/parser.js";
import { severityRank } from "../src/domain/finding.js";

interface Row {
  id: string;
  language: string;
  family?: string;
  code: string;
  flagged_line_no?: number;
}

const argv = process.argv.slice(2);
const dataDir = path.resolve(
  argv[argv.indexOf("--data") + 1] && argv.includes("--data")
    ? (argv[argv.indexOf("--data") + 1] as string)
    : path.join(import.meta.dirname, "../../shared/data/code-security"),
);
const showFp = argv.includes("--show-fp") ? Number(argv[argv.indexOf("--show-fp") + 1]) : 0;
const showMiss = argv.includes("--show-miss") ? Number(argv[argv.indexOf("--show-miss") + 1]) : 0;

function read(file: string): Row[] {
  const full = path.join(dataDir, file);
  if (!fs.existsSync(full)) return [];
  return fs
    .readFileSync(full, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as Row);
}

function languageOf(row: Row): SourceLanguage {
  return row.language === "python" ? "python" : row.language === "typescript" ? "typescript" : "javascript";
}

const pct = (n: number, d: number) => (d === 0 ? "  n/a" : `${((100 * n) / d).toFixed(1).padStart(5)}%`);
let lines = 0;
let millis = 0;

async function analyze(row: Row) {
  const started = performance.now();
  const findings = await analyzeSource(row.code, languageOf(row), row.id);
  millis += performance.now() - started;
  lines += row.code.split("\n").length;
  return findings;
}

for (const language of ["javascript", "python"]) {
  const rows = read(`${language}.positives.jsonl`);
  if (rows.length === 0) continue;
  const families = new Map<string, { n: number; hit: number; onLine: number }>();
  let hit = 0;
  let onLine = 0;
  let missShown = 0;
  for (const row of rows) {
    const findings = await analyze(row);
    const right = findings.filter((f) => f.family === row.family);
    const entry = families.get(row.family ?? "?") ?? { n: 0, hit: 0, onLine: 0 };
    entry.n++;
    if (right.length > 0) {
      entry.hit++;
      hit++;
    } else if (missShown < showMiss) {
      missShown++;
      console.log(`MISS ${row.id} ${row.family}\n${row.code}\n---`);
    }
    if (right.some((f) => f.line === row.flagged_line_no)) {
      entry.onLine++;
      onLine++;
    }
    families.set(row.family ?? "?", entry);
  }
  console.log(
    `\n${language} positives (${rows.length}): recall ${pct(hit, rows.length)}, on the flagged line ${pct(onLine, rows.length)}`,
  );
  for (const [family, e] of [...families].sort((a, b) => b[1].n - a[1].n)) {
    console.log(
      `  ${family.padEnd(26)} ${String(e.n).padStart(4)}  recall ${pct(e.hit, e.n)}  on line ${pct(e.onLine, e.n)}`,
    );
  }
}

console.log("");
for (const language of ["javascript", "typescript", "python"]) {
  const rows = read(`${language}.negatives.jsonl`);
  if (rows.length === 0) continue;
  let fp = 0;
  let any = 0;
  let shown = 0;
  for (const row of rows) {
    const findings = await analyze(row);
    if (findings.length > 0) any++;
    const serious = findings.filter((f) => severityRank(f.severity) >= severityRank("medium"));
    if (serious.length > 0) {
      fp++;
      if (shown++ < showFp)
        console.log(
          `FP ${row.id}: ${serious.map((f) => `${f.ruleId} ${f.severity} L${f.line} ${f.message}`).join(" | ")}`,
        );
    }
  }
  console.log(
    `${language} negatives (${rows.length}): false-positive rate (medium+) ${pct(fp, rows.length)}, any finding ${pct(any, rows.length)}`,
  );
}
console.log(
  `\nspeed: ${Math.round((lines / millis) * 1000).toLocaleString("en")} lines/s over ${lines} lines (parse + analysis, one thread)`,
);
