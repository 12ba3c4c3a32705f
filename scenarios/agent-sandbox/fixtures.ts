// Fixture workspaces for the agent-sandbox suite: a tiny Node project whose `npm test` passes or
// fails depending on the code the (scripted) worker leaves behind. Made in temporary directories.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** What the project's add() does: right, or the off-by-one bug a worker may leave in. */
export type AddCode = "correct" | "buggy" | "almost";

/** add.js as the worker may leave it. */
export const ADD = {
  correct: "module.exports = function add(a, b) {\n  return a + b;\n};\n",
  buggy: "module.exports = function add(a, b) {\n  return a + b + 1;\n};\n",
  /** Right for add(2, 2) and add(0, 0), wrong for add(-1, 1): a fix that looks done. */
  almost: "module.exports = function add(a, b) {\n  return a * b;\n};\n",
};

const TEST = `const add = require("./add.js");
const cases = [[2, 2, 4], [0, 0, 0], [-1, 1, 0]];
let failed = 0;
for (const [a, b, want] of cases) {
  const got = add(a, b);
  if (got !== want) {
    failed++;
    console.error("FAIL add(" + a + ", " + b + ") = " + got + ", expected " + want);
  }
}
if (failed > 0) {
  console.error(failed + " of " + cases.length + " tests failed");
  process.exit(1);
}
console.log(cases.length + " tests passed");
`;

const BUILD = `const fs = require("node:fs");
fs.mkdirSync("dist", { recursive: true });
fs.copyFileSync("add.js", "dist/add.js");
console.log("built dist/add.js");
`;

/** A fresh project directory with add.js as given; removed by `cleanup()`. */
export function makeProject(code: AddCode, root = os.tmpdir()): string {
  const dir = fs.mkdtempSync(path.join(root, "crosscheck-agent-sandbox-"));
  const pkg = {
    name: "adder",
    version: "1.0.0",
    private: true,
    scripts: { test: "node test.js", build: "node build.js" },
  };
  fs.writeFileSync(path.join(dir, "package.json"), `${JSON.stringify(pkg, null, 2)}\n`);
  fs.writeFileSync(path.join(dir, "add.js"), ADD[code]);
  fs.writeFileSync(path.join(dir, "test.js"), TEST);
  fs.writeFileSync(path.join(dir, "build.js"), BUILD);
  return dir;
}

/** Rewrites add.js the way a worker's edit would. */
export function writeAdd(dir: string, code: AddCode): void {
  fs.writeFileSync(path.join(dir, "add.js"), ADD[code]);
}
