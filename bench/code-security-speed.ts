/**
 * Speed of codeSecurity()'s analysis beside ESLint with eslint-plugin-security (its recommended
 * rules, TypeScript through @typescript-eslint/parser) over the same files in the same run:
 * the TypeScript sources of installed npm packages (zod, @anthropic-ai/sdk) and the JavaScript
 * of drizzle-orm. Prints lines per second for each and the ratio. Target: faster than ESLint.
 * Run: `npx tsx bench/code-security-speed.ts`.
 */
import fs from "node:fs";
import path from "node:path";
import tsParser from "@typescript-eslint/parser";
import { ESLint } from "eslint";
import security from "eslint-plugin-security";
import { glob } from "tinyglobby";
import { analyzeSource } from "../src/agents/code-security/analyze.js";
import { languageOf } from "../src/agents/code-security/parser.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const CORPORA = [
  {
    name: "TypeScript (zod, @anthropic-ai/sdk sources)",
    patterns: ["node_modules/zod/src/**/*.ts", "node_modules/@anthropic-ai/sdk/src/**/*.ts"],
  },
  { name: "JavaScript (drizzle-orm)", patterns: ["node_modules/drizzle-orm/**/*.js"] },
];

interface SourceFile {
  path: string;
  text: string;
}

async function load(patterns: string[]): Promise<SourceFile[]> {
  const files = await glob(patterns, { cwd: ROOT, absolute: true, ignore: ["**/*.d.ts"] });
  // ESLint skips anything under node_modules: lint each file under a path outside it.
  return files.sort().map((file) => ({
    path: path.join(ROOT, "bench-corpus", path.relative(path.join(ROOT, "node_modules"), file)),
    text: fs.readFileSync(file, "utf8"),
  }));
}

async function timeIt(fn: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

const eslint = new ESLint({
  cwd: ROOT,
  ignore: false,
  overrideConfigFile: true,
  overrideConfig: [
    {
      files: ["**/*.ts", "**/*.js", "**/*.mjs", "**/*.cjs"],
      languageOptions: { parser: tsParser, ecmaVersion: "latest", sourceType: "module" },
      plugins: { security },
      rules: security.configs.recommended.rules,
    },
  ],
});

for (const corpus of CORPORA) {
  const files = await load(corpus.patterns);
  if (files.length === 0) {
    console.log(`${corpus.name}: no files installed, skipped`);
    continue;
  }
  const lines = files.reduce((n, f) => n + f.text.split("\n").length, 0);
  let ours = 0;
  let eslintFindings = 0;
  const runOurs = async () => {
    ours = 0;
    for (const f of files)
      ours += (await analyzeSource(f.text, languageOf(f.path) ?? "javascript", f.path)).length;
  };
  const runEslint = async () => {
    eslintFindings = 0;
    for (const f of files)
      for (const r of await eslint.lintText(f.text, { filePath: f.path }))
        eslintFindings += r.messages.length;
  };
  // Warm up both (wasm compile, parser caches), then take the best of three alternating rounds.
  await runOurs();
  await runEslint();
  const oursMs: number[] = [];
  const eslintMs: number[] = [];
  for (let round = 0; round < 3; round++) {
    oursMs.push(await timeIt(runOurs));
    eslintMs.push(await timeIt(runEslint));
  }
  const oursRate = lines / (Math.min(...oursMs) / 1000);
  const eslintRate = lines / (Math.min(...eslintMs) / 1000);
  console.log(`${corpus.name}: ${files.length} files, ${lines.toLocaleString("en")} lines`);
  console.log(
    `  codeSecurity            ${Math.round(oursRate).toLocaleString("en").padStart(10)} lines/s  (${ours} findings, all severities)`,
  );
  console.log(
    `  ESLint + plugin-security ${Math.round(eslintRate).toLocaleString("en").padStart(9)} lines/s  (${eslintFindings} messages)`,
  );
  console.log(`  ratio codeSecurity / ESLint: ${(oursRate / eslintRate).toFixed(2)}x`);
}
