/**
 * Pipeline throughput: cases/s through a Crosscheck workflow (1 worker, 3 auditors that all
 * pass, audit log on a temp SQLite file) beside the same graph shape built with bare LangGraph
 * (work -> Send to 3 audit nodes -> decide -> record; no checkpointer, no log), in the same
 * process, alternating rounds, median of each.
 *
 * Env: BENCH_PIPELINE_CASES (cases per round, default 200), BENCH_PIPELINE_ROUNDS (default 5).
 */
import path from "node:path";
import { Annotation, END, Send, START, StateGraph } from "@langchain/langgraph";
import {
  type AuditInput,
  decideWith,
  defineAuditor,
  defineWorker,
  defineWorkflow,
  type Output,
  type Task,
  unanimous,
  type Verdict,
  type VerdictInput,
} from "../src/index.js";
import { mapConcurrent } from "../src/internal/semaphore.js";
import { alternateRounds, type BenchResult, envCount, isMain, rate, report, withTempDir } from "./support.js";

const CONCURRENCIES = [1, 8] as const;
const TARGET_RATIO = 0.5;
const AUDITOR_NAMES = ["totals", "dates", "vendor"] as const;

type Input = { n: number };

// The same trivial agents for both sides, so the difference is the framework.
async function echo(task: Task<Input>): Promise<Output<Input>> {
  return { content: task.input };
}
async function pass(_input: AuditInput<Input, Input>): Promise<VerdictInput> {
  return { decision: "pass", confidence: 1 };
}

function crosscheckWorkflow() {
  return defineWorkflow<Input, Input>({
    name: "bench-pipeline",
    worker: defineWorker("echo", echo),
    auditors: AUDITOR_NAMES.map((name) => defineAuditor<Input, Input>(name, pass)),
    consensus: unanimous(),
  });
}

const BareState = Annotation.Root({
  caseId: Annotation<string>(),
  task: Annotation<Task<Input>>(),
  output: Annotation<Output<Input> | null>({ reducer: (_, next) => next, default: () => null }),
  verdicts: Annotation<Record<string, Verdict>>({
    reducer: (left, right) => ({ ...left, ...right }),
    default: () => ({}),
  }),
  outcome: Annotation<string | null>({ reducer: (_, next) => next, default: () => null }),
  recorded: Annotation<boolean>({ reducer: (_, next) => next, default: () => false }),
});
type BareValue = typeof BareState.State;

/** The same shape with bare LangGraph: work -> audit x3 (Send) -> decide -> record. */
function bareGraph() {
  const policy = unanimous();
  return new StateGraph(BareState)
    .addNode("work", async (state: BareValue) => ({ output: await echo(state.task) }))
    .addNode("audit", async (branch: BareValue & { auditorName: string }) => {
      const output = branch.output ?? { content: branch.task.input };
      const input = { caseId: branch.caseId, task: branch.task, output, trace: [], evidence: [] };
      const verdict = await pass(input);
      const stamped: Verdict = {
        ...verdict,
        findings: [],
        rationale: "",
        auditor: branch.auditorName,
        round: 0,
      };
      return { verdicts: { [branch.auditorName]: stamped } };
    })
    .addNode("decide", (state: BareValue) => ({
      outcome: decideWith(policy, Object.values(state.verdicts)).outcome,
    }))
    .addNode("record", () => ({ recorded: true }))
    .addEdge(START, "work")
    .addConditionalEdges(
      "work",
      (state: BareValue) => AUDITOR_NAMES.map((auditorName) => new Send("audit", { ...state, auditorName })),
      ["audit"],
    )
    .addEdge("audit", "decide")
    .addEdge("decide", "record")
    .addEdge("record", END)
    .compile();
}

function makeTasks(count: number, offset: number): Task<Input>[] {
  return Array.from({ length: count }, (_, i) => ({ id: `t${offset + i}`, input: { n: offset + i } }));
}

export async function runPipelineBench(): Promise<BenchResult[]> {
  const cases = envCount("BENCH_PIPELINE_CASES", 200);
  const rounds = envCount("BENCH_PIPELINE_ROUNDS", 5);
  return withTempDir("pipeline", async (dir) => {
    const db = path.join(dir, "crosscheck.db");
    const workflow = crosscheckWorkflow();
    const bare = bareGraph();
    let offset = 0;

    const runCrosscheck = async (count: number, concurrency: number) => {
      const results = await workflow.runMany(makeTasks(count, offset), { db, concurrency });
      offset += count;
      const notAccepted = results.filter((r) => r.outcome !== "accepted").length;
      if (notAccepted > 0)
        throw new Error(`pipeline bench: ${notAccepted} Crosscheck cases were not accepted`);
    };
    const runBare = async (count: number, concurrency: number) => {
      const tasks = makeTasks(count, offset);
      offset += count;
      const results = await mapConcurrent(tasks, concurrency, (task, i) =>
        bare.invoke({ caseId: `bare-${offset}-${i}`, task }),
      );
      const notAccepted = results.filter((r) => r.outcome !== "accepted").length;
      if (notAccepted > 0)
        throw new Error(`pipeline bench: ${notAccepted} bare LangGraph runs were not accepted`);
    };

    const results: BenchResult[] = [];
    try {
      // Warm up: JIT, module init, database open and migrations.
      for (const concurrency of CONCURRENCIES) {
        await runCrosscheck(Math.min(cases, 50), concurrency);
        await runBare(Math.min(cases, 50), concurrency);
      }
      for (const concurrency of CONCURRENCIES) {
        const measured = await alternateRounds(
          rounds,
          () => rate(cases, () => runCrosscheck(cases, concurrency)),
          () => rate(cases, () => runBare(cases, concurrency)),
        );
        const result = report({
          name: `pipeline (concurrency ${concurrency})`,
          unit: "cases/s",
          baselineLabel: "bare LangGraph",
          target: { minRatio: TARGET_RATIO },
          ...measured,
          detail: `${rounds} rounds x ${cases} cases, 1 worker + ${AUDITOR_NAMES.length} auditors`,
        });
        results.push(result);
      }
    } finally {
      workflow.close();
    }
    return results;
  });
}

if (isMain(import.meta.url)) {
  await runPipelineBench();
}
