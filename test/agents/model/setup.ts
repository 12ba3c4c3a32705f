import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HumanMessage, SystemMessage } from "@langchain/core/messages";

export const CASE_NAME = "honest-receipt";

/** A temp folder laid out like a suite: `<dir>/scenarios/receipts/recordings/<case>.json`. */
export async function setupCassetteFile(caseName = CASE_NAME): Promise<{ dir: string; file: string }> {
  const dir = await mkdtemp(join(tmpdir(), "crosscheck-recordings-"));
  return { dir, file: join(dir, "scenarios", "receipts", "recordings", `${caseName}.json`) };
}

export function auditPrompt(
  system = "You audit receipts. Cite evidence ids.",
  question = "Is the total 42.50?",
) {
  return [new SystemMessage(system), new HumanMessage(question)];
}
