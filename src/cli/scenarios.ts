import fs from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { CrosscheckError } from "../errors.js";
import { checkSuiteModels } from "../scenarios/live-models.js";
import { findSuiteFiles } from "../scenarios/load-suites.js";
import { computeMetrics } from "../scenarios/metrics.js";
import { hasCassette, withCaseRecordings } from "../scenarios/recordings.js";
import type { ScenarioReport, SuiteReport } from "../scenarios/report.js";
import { renderHtml } from "../scenarios/reporters/html.js";
import { renderJson } from "../scenarios/reporters/json.js";
import { renderJUnit } from "../scenarios/reporters/junit.js";
import { attemptLine, progressBar, suiteLines, summaryLines } from "../scenarios/reporters/terminal.js";
import { matchesFilter, runSuite } from "../scenarios/runner.js";
import { isSuite, type ParsedScenarioCase, type Suite } from "../scenarios/suite.js";
import { globalOptions } from "./context.js";
import { importUserModule } from "./load-module.js";
import type { CommandContext } from "./main.js";

const REPORTERS = ["terminal", "json", "junit", "html"] as const;
type Reporter = (typeof REPORTERS)[number];
const REPORT_FILES: Record<Exclude<Reporter, "terminal">, string> = {
  json: "scenarios.json",
  junit: "junit.xml",
  html: "report.html",
};

interface ScenarioFlags {
  filter?: string;
  concurrency: string;
  repeat: string;
  reporter: string[];
  out?: string;
  updateRecordings?: boolean;
}

function wholeNumber(flag: string, value: string, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw new CrosscheckError(
      "USAGE",
      `${flag} must be a whole number from 1 to ${max}, got ${JSON.stringify(value)}`,
    );
  }
  return n;
}

function parseReporters(values: readonly string[]): Reporter[] {
  const list = values
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter((v) => v !== "");
  for (const r of list) {
    if (!(REPORTERS as readonly string[]).includes(r)) {
      throw new CrosscheckError(
        "USAGE",
        `--reporter ${JSON.stringify(r)} is not one of ${REPORTERS.join(", ")}`,
      );
    }
  }
  return list.length === 0 ? ["terminal"] : [...new Set(list as Reporter[])];
}

async function loadSuite(file: string): Promise<Suite> {
  const module = await importUserModule(file, "SUITE_INVALID", "suite file");
  const suite = module["default"] ?? module["suite"];
  if (!isSuite(suite)) {
    throw new CrosscheckError(
      "SUITE_INVALID",
      `suite file ${path.relative(process.cwd(), file)} must export a suite made by defineSuite(), as \`export default\``,
    );
  }
  return suite;
}

export function registerScenarios(program: Command, { io, setExit }: CommandContext): void {
  program
    .command("scenarios")
    .description(
      "run scenario suites and check their expected decisions (exit 0 all held, 1 a case failed, 2 a broken suite)",
    )
    .argument("[paths...]", "suite files, directories or globs (default: scenarios/**/suite.ts)")
    .option("-f, --filter <text>", "only cases (or suites) whose name contains this text")
    .option("-c, --concurrency <n>", "cases at once", "4")
    .option("--repeat <n>", "run each case n times; a case whose decision varies is reported unstable", "1")
    .option(
      "-r, --reporter <name>",
      `${REPORTERS.join("|")} (repeatable or comma-separated)`,
      (v: string, all: string[]) => [...all, v],
      [],
    )
    .option("-o, --out <dir>", "directory for json, junit and html reports (default: reports)")
    .option("--update-recordings", "record model calls again instead of replaying them")
    .action(async (paths: string[], flags: ScenarioFlags, command: Command) => {
      const global = globalOptions(command);
      const concurrency = wholeNumber("--concurrency", flags.concurrency, 1000);
      const repeat = wholeNumber("--repeat", flags.repeat, 1000);
      const reporters = parseReporters(flags.reporter);
      const terminal = reporters.includes("terminal") && !global.json;
      const files = await findSuiteFiles(paths);
      // Load every suite before running any: a broken file fails fast, having written nothing.
      const suites: Array<{ file: string; suite: Suite }> = [];
      // A suite file named on the command line must run; one found in a directory may be skipped.
      const named = new Set(paths.map((p) => path.normalize(path.resolve(p))));
      for (const file of files) {
        const suite = await loadSuite(file);
        const missing = suite.unavailable?.();
        if (missing === undefined) suites.push({ file, suite });
        else if (named.has(file) || process.env["CI"] === "true") {
          suite.workflow.close();
          for (const loaded of suites) loaded.suite.workflow.close();
          throw new CrosscheckError("SUITE_UNAVAILABLE", `suite ${suite.name} cannot run here: ${missing}`);
        } else {
          // Suites found by directory or glob run where they can; one that cannot says why.
          suite.workflow.close();
          io.err(`skipped suite ${suite.name}: ${missing}`);
        }
      }
      if (suites.length === 0)
        throw new CrosscheckError("SUITE_UNAVAILABLE", "no suite can run here (see above)");
      const mode = flags.updateRecordings === true ? "record" : "replay";
      const recorded = (file: string) =>
        mode === "replay" ? (c: ParsedScenarioCase) => hasCassette(file, c.name) : undefined;
      // Every suite's models are checked before any case runs: none fails halfway for want of a key.
      for (const { file, suite } of suites) {
        const cases = suite.cases.filter((c) => matchesFilter(suite.name, c.name, flags.filter));
        checkSuiteModels(suite, cases, recorded(file));
      }

      const total = suites.reduce((n, s) => n + s.suite.cases.length, 0) * repeat;
      let done = 0;
      const tty = process.stderr.isTTY === true && terminal;
      const style = { color: global.color };
      const started = Date.now();
      const reports: SuiteReport[] = [];
      try {
        for (const { file, suite } of suites) {
          const report = await runSuite(suite, {
            db: global.db,
            concurrency,
            repeat,
            filter: flags.filter,
            file: path.relative(process.cwd(), file),
            aroundCase: withCaseRecordings(file, mode),
            hasRecordings: recorded(file),
            onAttempt: ({ suite: name, name: caseName, attempt }) => {
              done++;
              if (!terminal) return;
              if (tty) process.stderr.write(`\r${progressBar(done, total, `${name} › ${caseName}`)}\u001b[K`);
              else io.out(attemptLine(name, caseName, attempt, style));
            },
          });
          reports.push(report);
          if (tty) process.stderr.write("\r\u001b[K");
          if (terminal) for (const line of [...suiteLines(report, style), ""]) io.out(line);
        }
      } finally {
        for (const { suite } of suites) suite.workflow.close();
      }
      const report: ScenarioReport = {
        startedAt: new Date(started).toISOString(),
        durationMs: Date.now() - started,
        repeat,
        suites: reports,
        metrics: computeMetrics(reports.flatMap((r) => r.cases)),
      };
      if (report.metrics.cases === 0) {
        throw new CrosscheckError("USAGE", `no case matches --filter ${JSON.stringify(flags.filter ?? "")}`);
      }
      if (terminal) for (const line of summaryLines(report)) io.out(line);
      if (global.json) io.out(renderJson(report));
      const out = path.resolve(flags.out ?? "reports");
      for (const reporter of reporters) {
        if (reporter === "terminal") continue;
        if (reporter === "json" && flags.out === undefined && !terminal && !global.json) {
          io.out(renderJson(report));
          continue;
        }
        fs.mkdirSync(out, { recursive: true });
        const file = path.join(out, REPORT_FILES[reporter]);
        const text =
          reporter === "json"
            ? renderJson(report)
            : reporter === "junit"
              ? renderJUnit(report)
              : renderHtml(report);
        fs.writeFileSync(file, text);
        io.err(`wrote ${path.relative(process.cwd(), file)}`);
      }
      setExit(report.metrics.failed > 0 ? 1 : 0);
    });
}
