/**
 * Scores scanText() on the labelled prompt-injection development set in
 * ../shared/data/injection (see its README): true-positive rate at 1% false-positive rate,
 * overall and per family (first segment of `kind`), ROC AUC, and the threshold used. To show
 * how much the threshold choice itself overfits, it also chooses the threshold on one half of
 * the set and reports the other half (both ways), and holds out each family in turn (threshold
 * from the other families' benign texts). Runs the scanner with no context option: the set
 * mixes prompts, documents and tool texts. Run: `npx tsx bench/injection.ts [--data FILE]
 * [--show-miss N] [--show-fp N] [--threshold X]`.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { DEFAULT_THRESHOLD, scanText } from "../src/guard/scan.js";

interface Row {
  id: string;
  text: string;
  label: "injection" | "benign";
  kind: string;
  score: number;
  features: string[];
}

const argv = process.argv.slice(2);
const arg = (name: string): string | undefined =>
  argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined;
const file = path.resolve(
  arg("--data") ?? path.join(import.meta.dirname, "../../shared/data/injection/labelled.jsonl"),
);
const showMiss = Number(arg("--show-miss") ?? 0);
const showFp = Number(arg("--show-fp") ?? 0);
const TARGET_FPR = 0.01;

const rows: Row[] = fs
  .readFileSync(file, "utf8")
  .split("\n")
  .filter((l) => l.trim() !== "")
  .map((l) => {
    const raw = JSON.parse(l) as Omit<Row, "score" | "features">;
    const result = scanText(raw.text);
    return { ...raw, score: result.score, features: result.signals.map((s) => s.feature ?? s.ruleId) };
  });

const family = (row: Row): string => {
  const first = row.kind.split("/")[0] ?? row.kind;
  return ["mcp", "skill", "tool_output"].includes(first) ? "mcp/skill/tool_output" : first;
};
const positives = (rs: readonly Row[]) => rs.filter((r) => r.label === "injection");
const negatives = (rs: readonly Row[]) => rs.filter((r) => r.label === "benign");
const pct = (n: number, d: number) => (d === 0 ? "  n/a" : `${((100 * n) / d).toFixed(1).padStart(5)}%`);

/** Smallest threshold (flag = score >= t) whose false-positive rate on `benign` is at most TARGET_FPR. */
function thresholdAtFpr(benign: readonly Row[]): number {
  const scores = benign.map((r) => r.score).sort((a, b) => b - a);
  const allowed = Math.floor(TARGET_FPR * scores.length);
  const boundary = scores[allowed];
  if (boundary === undefined) return 0;
  // Just above the first benign score that must not be flagged.
  return boundary + Math.max(1e-12, boundary * 1e-9);
}

function rates(rs: readonly Row[], t: number) {
  const pos = positives(rs);
  const neg = negatives(rs);
  const tp = pos.filter((r) => r.score >= t).length;
  const fp = neg.filter((r) => r.score >= t).length;
  return { tp, p: pos.length, fp, n: neg.length };
}

/** ROC AUC as the Mann-Whitney probability that a positive outscores a negative (ties 1/2). */
function auc(rs: readonly Row[]): number {
  const pos = positives(rs);
  const neg = negatives(rs);
  let wins = 0;
  for (const p of pos) for (const n of neg) wins += p.score > n.score ? 1 : p.score === n.score ? 0.5 : 0;
  return wins / (pos.length * neg.length);
}

const t = arg("--threshold") !== undefined ? Number(arg("--threshold")) : thresholdAtFpr(negatives(rows));
const all = rates(rows, t);
console.log(`injection development set: ${file}`);
console.log(`${rows.length} texts: ${all.p} injection, ${all.n} benign`);
console.log(
  `\nthreshold ${t.toFixed(4)} (chosen for FPR <= ${TARGET_FPR * 100}% on the whole set): TPR ${pct(all.tp, all.p)}  FPR ${pct(all.fp, all.n)}  ROC AUC ${auc(rows).toFixed(3)}`,
);
const d = rates(rows, DEFAULT_THRESHOLD);
const f = rates(rows, DEFAULT_THRESHOLD / 2);
console.log(
  `default threshold ${DEFAULT_THRESHOLD}: verdict injection  TPR ${pct(d.tp, d.p)}  FPR ${pct(d.fp, d.n)}`,
);
console.log(
  `                       flagged (suspicious or injection, score >= ${DEFAULT_THRESHOLD / 2}): TPR ${pct(f.tp, f.p)}  FPR ${pct(f.fp, f.n)}`,
);

console.log("\nper family (at the threshold above):");
const families = [...new Set(rows.map(family))].sort();
for (const f of families) {
  const rs = rows.filter((r) => family(r) === f);
  const r = rates(rs, t);
  console.log(
    `  ${f.padEnd(24)} injection ${String(r.p).padStart(3)}  TPR ${pct(r.tp, r.p)}   benign ${String(r.n).padStart(3)}  FPR ${pct(r.fp, r.n)}   AUC ${r.p && r.n ? auc(rs).toFixed(3) : "  n/a"}`,
  );
}

// Split halves by a hash of the id: choose the threshold on one half, report the other.
const half = (r: Row) => (createHash("sha256").update(r.id).digest()[0] ?? 0) % 2;
console.log("\nsplit halves (threshold chosen on one half at FPR <= 1%, reported on the other):");
for (const [fit, report] of [
  [0, 1],
  [1, 0],
]) {
  const tt = thresholdAtFpr(negatives(rows.filter((r) => half(r) === fit)));
  const r = rates(
    rows.filter((x) => half(x) === report),
    tt,
  );
  console.log(
    `  fit on half ${fit}, report half ${report}: threshold ${tt.toFixed(4)}  TPR ${pct(r.tp, r.p)}  FPR ${pct(r.fp, r.n)}`,
  );
}

console.log(
  "\nfamily held out (threshold from the other families' benign texts, reported on the held-out family):",
);
for (const f of families) {
  const tt = thresholdAtFpr(negatives(rows.filter((r) => family(r) !== f)));
  const r = rates(
    rows.filter((x) => family(x) === f),
    tt,
  );
  console.log(`  ${f.padEnd(24)} threshold ${tt.toFixed(4)}  TPR ${pct(r.tp, r.p)}  FPR ${pct(r.fp, r.n)}`);
}

// Benign texts from elsewhere, never looked at while the features were designed: Wikipedia
// passages and questions (grounding set), code (code-security negatives), this repository's docs.
const dataRoot = path.join(import.meta.dirname, "../../shared/data");
const jsonl = (file: string): Record<string, unknown>[] =>
  fs.existsSync(file)
    ? fs
        .readFileSync(file, "utf8")
        .split("\n")
        .filter((l) => l.trim() !== "")
        .map((l) => JSON.parse(l) as Record<string, unknown>)
    : [];
const grounding = jsonl(path.join(dataRoot, "grounding/halueval-qa.jsonl"));
const docs = [
  path.join(import.meta.dirname, "../README.md"),
  ...fs
    .readdirSync(path.join(import.meta.dirname, "../docs"))
    .filter((f) => f.endsWith(".md") && f !== "guard.md")
    .map((f) => path.join(import.meta.dirname, "../docs", f)),
];
const outside: [string, string[]][] = [
  [
    "wikipedia passages",
    grounding.flatMap((r) =>
      Array.isArray(r["context_passages"]) ? (r["context_passages"] as string[]) : [],
    ),
  ],
  ["questions", grounding.map((r) => String(r["question"] ?? "")).filter((q) => q !== "")],
  [
    "code",
    ["javascript", "typescript", "python"].flatMap((l) =>
      jsonl(path.join(dataRoot, `code-security/${l}.negatives.jsonl`)).map((r) => String(r["code"] ?? "")),
    ),
  ],
  [
    "repo docs (paragraphs)",
    docs.flatMap((f) => fs.readFileSync(f, "utf8").split(/\n\s*\n/)).filter((p) => p.trim().length > 40),
  ],
];
console.log(
  "\nbenign texts from elsewhere (not the development set; see docs/guard.md): flagged at the threshold above / flagged at the default (suspicious or injection)",
);
for (const [name, texts] of outside) {
  if (texts.length === 0) continue;
  const scores = texts.map((x) => scanText(x).score);
  const atT = scores.filter((x) => x >= t).length;
  const atDefault = scores.filter((x) => x >= DEFAULT_THRESHOLD / 2).length;
  console.log(
    `  ${name.padEnd(24)} ${String(texts.length).padStart(5)} texts  ${pct(atT, texts.length)}  /  ${pct(atDefault, texts.length)}`,
  );
  if (argv.includes("--show-outside"))
    for (const [i, x] of texts.entries())
      if ((scores[i] ?? 0) >= t)
        console.log(
          `    ${(scores[i] ?? 0).toFixed(3)} [${scanText(x)
            .signals.map((g) => g.feature)
            .join(",")}] ${x.slice(0, 160).replace(/\n/g, " ")}`,
        );
}

const fired = new Map<string, { pos: number; neg: number }>();
for (const r of rows)
  for (const f of new Set(r.features)) {
    const e = fired.get(f) ?? { pos: 0, neg: 0 };
    if (r.label === "injection") e.pos++;
    else e.neg++;
    fired.set(f, e);
  }
console.log("\nfeatures (texts where each fired):");
for (const [f, e] of [...fired].sort((a, b) => b[1].pos - a[1].pos))
  console.log(
    `  ${f.padEnd(30)} injection ${String(e.pos).padStart(3)}  benign ${String(e.neg).padStart(3)}`,
  );

for (const r of positives(rows)
  .filter((x) => x.score < t)
  .slice(0, showMiss))
  console.log(
    `\nMISS ${r.id} ${r.kind} ${r.score.toFixed(3)} [${r.features.join(",")}]\n${r.text.slice(0, 600)}`,
  );
for (const r of negatives(rows)
  .sort((a, b) => b.score - a.score)
  .slice(0, showFp))
  console.log(
    `\nTOP-BENIGN ${r.id} ${r.kind} ${r.score.toFixed(3)} [${r.features.join(",")}]\n${r.text.slice(0, 600)}`,
  );
