import { describeIssues } from "../domain/parse.js";
import { CrosscheckError } from "../errors.js";
import { ActorSchema, type EventBody, type EventKind, EventPayloadSchemas, type NewEvent } from "./events.js";

/** Kinds of event that belong to a case and so must carry `caseId`. */
const CASE_KINDS: ReadonlySet<EventKind> = new Set<EventKind>([
  "case.started",
  "worker.output",
  "worker.failed",
  "evidence.retrieved",
  "auditor.verdict",
  "crossexam.round",
  "case.decided",
  "escalation.opened",
  "escalation.claimed",
  "escalation.released",
  "escalation.breached",
  "human.decision",
  "escalation.resumed",
  "case.ended",
  "case.interrupted",
]);

/** A NewEvent whose payload and actor passed their schemas, with absent ids as null. */
export interface ValidEvent {
  key: string;
  kind: EventKind;
  runId: string;
  caseId: string | null;
  node: string | null;
  actor: EventBody["actor"];
  payload: unknown;
}

/**
 * Checks one event of an append batch (`index` is its position, for the message): a known kind,
 * non-empty key and runId, a caseId where the kind needs one, and payload and actor valid by
 * their schemas. Throws CrosscheckError("AGENT_OUTPUT_INVALID") naming the event and the field.
 */
export function validateEvent(event: NewEvent, index: number): ValidEvent {
  const where = `event ${index} (${String(event.kind)}, key "${String(event.key)}")`;
  const schema = EventPayloadSchemas[event.kind] as (typeof EventPayloadSchemas)[EventKind] | undefined;
  if (schema === undefined) {
    throw new CrosscheckError(
      "AGENT_OUTPUT_INVALID",
      `${where}: unknown kind; use one of ${Object.keys(EventPayloadSchemas).join(", ")}`,
    );
  }
  if (
    typeof event.key !== "string" ||
    event.key === "" ||
    typeof event.runId !== "string" ||
    event.runId === ""
  ) {
    throw new CrosscheckError("AGENT_OUTPUT_INVALID", `${where}: key and runId must be non-empty strings`);
  }
  const caseId = event.caseId ?? null;
  if (CASE_KINDS.has(event.kind) && caseId === null) {
    throw new CrosscheckError("AGENT_OUTPUT_INVALID", `${where}: a ${event.kind} event needs a caseId`);
  }
  const payload = schema.safeParse(event.payload);
  if (!payload.success) {
    throw new CrosscheckError("AGENT_OUTPUT_INVALID", `${where}: payload ${describeIssues(payload.error)}`, {
      cause: payload.error,
    });
  }
  const actor = ActorSchema.safeParse(event.actor);
  if (!actor.success) {
    throw new CrosscheckError("AGENT_OUTPUT_INVALID", `${where}: actor ${describeIssues(actor.error)}`, {
      cause: actor.error,
    });
  }
  return {
    key: event.key,
    kind: event.kind,
    runId: event.runId,
    caseId,
    node: event.node ?? null,
    actor: actor.data,
    payload: payload.data,
  };
}
