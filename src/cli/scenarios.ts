import fs from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { CrosscheckError } from "../errors.js";
import { runSuite, type ScenarioResult } from "../scenarios/runner.js";
import { isSuite } from "../scenarios/suite.js";
import { globalOptions } from "./context.js";
import { safeText } from "./format.js";
import { importUserModule } from "./load-module.js";
import type { CommandContext } from "./main.js";

/** The bundled suites: every scenarios/<name>/suite.ts under the current directory. */
function defaultSuiteFiles(): string[] {
  const root = path.resolve("scenarios");
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(root, d.name, "suite.ts")))
    .map((d) => path.join(root, d.name, "suite.ts"))
    .sort();
}

export function registerScenarios(program: Command, { io, setExit }: CommandContext): void {
  program
    .command("scenarios")
    .description("run scenario suites and check their expected decisions (exit 1 when a case fails)")
    .argument("[files...]", "suite files (default: scenarios/*/suite.ts)")
    .option("-c, --concurrency <n>", "cases at once", "4")
    .action(async (files: string[], opts: { concurrency: string }, command: Command) => {
      const global = globalOptions(command);
      const concurrency = Number(opts.concurrency);
      if (!Number.isInteger(concurrency) || concurrency < 1) {
        throw new CrosscheckError(
          "USAGE",
          `--concurrency must be a whole number of at least 1, got ${opts.concurrency}`,
        );
      }
      const suiteFiles = files.length > 0 ? files : defaultSuiteFiles();
      if (suiteFiles.length === 0)
        throw new CrosscheckError(
          "USAGE",
          "no suites found: pass suite files or add scenarios/<name>/suite.ts",
        );
      const all: ScenarioResult[] = [];
      for (const file of suiteFiles) {
        const module = await importUserModule(file, "SUITE_INVALID", "suite file");
        const suite = module["default"] ?? module["suite"];
        if (!isSuite(suite)) {
          throw new CrosscheckError(
            "SUITE_INVALID",
            `suite file ${file} must export a suite made by defineSuite() as default`,
          );
        }
        if (!global.json)
          io.out(`suite ${suite.name} (${suite.cases.length} cases, workflow ${suite.workflow.name})`);
        try {
          const results = await runSuite(suite, {
            db: global.db,
            concurrency,
            onResult: (r) => {
              if (global.json) return;
              const mark = r.passed ? "pass" : "FAIL";
              const final = r.final === undefined ? "" : ` -> ${r.final} by human`;
              io.out(
                `  ${mark}  ${r.name.padEnd(36)} ${r.outcome}${final}  (${Math.round(r.durationMs)} ms)`,
              );
              for (const failure of r.failures) io.out(`        ${safeText(failure)}`);
            },
          });
          all.push(...results);
        } finally {
          suite.workflow.close();
        }
      }
      const failed = all.filter((r) => !r.passed).length;
      if (global.json) io.out(JSON.stringify({ passed: all.length - failed, failed, results: all }));
      else io.out(`${all.length - failed} passed, ${failed} failed`);
      setExit(failed > 0 ? 1 : 0);
    });
}
