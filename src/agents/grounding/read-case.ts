// What the grounding auditor reads from a case: the answer, the question, the evidence.
import type { Evidence } from "../../domain/evidence.js";
import type { AuditInput } from "../auditor.js";
import { mergeEvidence, textEvidence } from "./evidence.js";

/** A case as the grounding auditor sees it. */
export interface GroundingCase {
  readonly answer: string;
  /** `task.input.question`, or "" when the task has none. */
  readonly question: string;
  /** The case's evidence (supplied with the task, retrieved) and `task.input.evidence` strings. */
  readonly evidence: readonly Evidence[];
}

/**
 * Reads the answer (`output.content` as a string, or its `answer` field), the question
 * (`task.input.question`, or a string input) and the evidence. Returns a reason instead when
 * there is no answer to check. Never throws, whatever the input's shape.
 */
export function readCase(input: AuditInput): GroundingCase | { unreadable: string } {
  const content = (input?.output as { content?: unknown } | undefined)?.content;
  const answer =
    typeof content === "string"
      ? content
      : typeof (content as { answer?: unknown } | null)?.answer === "string"
        ? (content as { answer: string }).answer
        : undefined;
  if (answer === undefined) {
    return { unreadable: "the output is neither a string nor an object with a string `answer`" };
  }
  const taskInput = (input?.task as { input?: unknown } | undefined)?.input;
  const question =
    typeof taskInput === "string"
      ? taskInput
      : typeof (taskInput as { question?: unknown } | null)?.question === "string"
        ? (taskInput as { question: string }).question
        : "";
  const supplied = (taskInput as { evidence?: unknown } | null)?.evidence;
  const strings = Array.isArray(supplied)
    ? supplied.filter((item): item is string => typeof item === "string")
    : [];
  const given = Array.isArray(input?.evidence) ? input.evidence.filter(isEvidence) : [];
  return { answer, question, evidence: mergeEvidence(given, textEvidence(strings)) };
}

function isEvidence(value: unknown): value is Evidence {
  const item = value as Partial<Evidence> | null;
  return (
    typeof item?.id === "string" && typeof item.text === "string" && typeof item.contentHash === "string"
  );
}
