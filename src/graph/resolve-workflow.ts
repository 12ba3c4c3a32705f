import { type Auditor, toAuditor } from "../agents/auditor.js";
import { codeDigest } from "../agents/digest.js";
import { toWorker } from "../agents/worker.js";
import type { Actor } from "../audit/events.js";
import { parseWith } from "../domain/parse.js";
import { CrosscheckError } from "../errors.js";
import { sha256Hex } from "../internal/sha256.js";
import { type AgentManifest, agentManifest, manifestDigest } from "../security/provenance/manifest.js";
import { resolveProvenanceOptions } from "../security/provenance/options.js";
import { isConsensusPolicy } from "./consensus.js";
import { blindAuditor, checkIndependence, resolveIndependence } from "./independence.js";
import {
  DEFAULT_AGENT_TIMEOUT_MS,
  DEFAULT_CROSS_EXAMINATION_ROUNDS,
  type EscalationOptions,
  WorkflowDataSchema,
  type WorkflowOptions,
} from "./options.js";
import type { ResolvedAgent, ResolvedWorkflow } from "./resolved.js";

function agentActor(
  role: string,
  name: string,
  digest: string,
  model: string | undefined,
  manifest: AgentManifest,
): Actor {
  const actor: Actor = { type: "agent", id: name, role, digest, manifest: manifestDigest(manifest) };
  if (model !== undefined) actor.model = model;
  return actor;
}

function hasSafeParse(value: unknown): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { safeParse?: unknown }).safeParse === "function"
  );
}

/**
 * Checks a workflow definition completely before anything runs (fail before the first model
 * call), and resolves defaults into a new frozen object. The caller's options are not touched.
 */
export function resolveWorkflow(options: WorkflowOptions): ResolvedWorkflow {
  if (typeof options !== "object" || options === null) {
    throw new CrosscheckError(
      "WORKFLOW_INVALID",
      "defineWorkflow needs an options object: { name, worker, auditors, consensus }",
    );
  }
  const data = parseWith(
    WorkflowDataSchema,
    options,
    "WORKFLOW_INVALID",
    `workflow ${JSON.stringify(options.name ?? "")}`,
  );
  const where = `workflow ${data.name}`;
  const worker = toWorker(options.worker, `${where}: worker`);
  const independence = resolveIndependence(data.independence);
  const auditors = new Map<string, ResolvedAgent<Auditor>>();
  const auditorManifests: AgentManifest[] = [];
  options.auditors.forEach((value, index) => {
    const auditor = toAuditor(value, `${where}: auditors[${index}]`);
    checkIndependence(independence, worker.model, [auditor], where);
    if (auditors.has(auditor.name)) {
      throw new CrosscheckError(
        "WORKFLOW_INVALID",
        `${where}: two auditors are named ${JSON.stringify(auditor.name)}; auditor names must be unique`,
      );
    }
    const digest = codeDigest(auditor.audit, auditor.reconsider);
    const manifest = agentManifest("auditor", {
      name: auditor.name,
      model: auditor.model,
      functions: [auditor.audit, auditor.reconsider],
      agent: value as object,
    });
    auditorManifests.push(manifest);
    auditors.set(auditor.name, {
      agent: independence.blind ? blindAuditor(auditor) : auditor,
      // The independence policy is stamped on every verdict through its actor.
      actor: agentActor(
        `auditor (independence: ${independence.label})`,
        auditor.name,
        digest,
        auditor.model,
        manifest,
      ),
    });
  });
  if (!isConsensusPolicy(options.consensus)) {
    throw new CrosscheckError(
      "WORKFLOW_INVALID",
      `${where}: consensus must be a policy such as majority(), unanimous() or firstOf(anyCriticalBlocks(), majority())`,
    );
  }
  const retrieve = options.retrieve;
  if (retrieve !== undefined && (typeof retrieve !== "object" || typeof retrieve.retrieve !== "function")) {
    throw new CrosscheckError(
      "WORKFLOW_INVALID",
      `${where}: retrieve must be an object with name and retrieve(task, output)`,
    );
  }
  if (options.input !== undefined && !hasSafeParse(options.input)) {
    throw new CrosscheckError("WORKFLOW_INVALID", `${where}: input must be a zod schema`);
  }
  if (options.output !== undefined && !hasSafeParse(options.output)) {
    throw new CrosscheckError("WORKFLOW_INVALID", `${where}: output must be a zod schema`);
  }

  const workerDigest = codeDigest(worker.run);
  const workerManifest = agentManifest("worker", {
    name: worker.name,
    model: worker.model,
    functions: [worker.run],
    agent: options.worker as object,
  });
  const version = data.version ?? "0";
  const maxRounds = data.crossExamination?.maxRounds ?? DEFAULT_CROSS_EXAMINATION_ROUNDS;
  const onEscalate = data.escalation?.onEscalate ?? "wait";
  const digest = sha256Hex(
    JSON.stringify({
      name: data.name,
      version,
      worker: [worker.name, workerDigest],
      auditors: [...auditors.values()].map((a) => [a.agent.name, a.actor.digest]),
      consensus: options.consensus.name,
      maxRounds,
      onEscalate,
      independence: independence.label,
    }),
  );
  return Object.freeze({
    name: data.name,
    version,
    digest,
    worker: {
      agent: worker,
      actor: agentActor("worker", worker.name, workerDigest, worker.model, workerManifest),
    },
    auditors,
    retrieve,
    consensus: options.consensus,
    maxRounds,
    onEscalate,
    queue: data.escalation?.queue,
    assignee: data.escalation?.assignee,
    review: reviewOptions(data.escalation),
    agentTimeoutMs: data.quotas?.agentTimeoutMs ?? DEFAULT_AGENT_TIMEOUT_MS,
    caseTimeoutMs: data.quotas?.caseTimeoutMs,
    maxConcurrentAgents: data.quotas?.maxConcurrentAgents ?? Number.POSITIVE_INFINITY,
    inputSchema: options.input,
    outputSchema: options.output,
    manifests: [workerManifest, ...auditorManifests],
    provenance: resolveProvenanceOptions(data.provenance),
  });
}

/** The escalation options the review queue reads, without the absent ones. */
function reviewOptions(
  escalation: { [K in keyof EscalationOptions]?: EscalationOptions[K] | undefined } | undefined,
): ResolvedWorkflow["review"] {
  const review: { slaMinutes?: number; onSlaBreach?: "flag" | "reject"; claimMinutes?: number } = {};
  if (escalation?.slaMinutes !== undefined) review.slaMinutes = escalation.slaMinutes;
  if (escalation?.onSlaBreach !== undefined) review.onSlaBreach = escalation.onSlaBreach;
  if (escalation?.claimMinutes !== undefined) review.claimMinutes = escalation.claimMinutes;
  return review;
}
