import fs from "node:fs";
import { CrosscheckError } from "../errors.js";

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * Reads tasks from a file (or stdin for "-"): one JSON task (pretty-printed is fine), or JSON
 * Lines, one task a line. Tasks are parsed as JSON here; their shape is checked by the workflow.
 */
export async function readTasks(input: string, stdin: NodeJS.ReadableStream): Promise<unknown[]> {
  let text: string;
  if (input === "-") {
    text = await readAll(stdin);
  } else {
    try {
      text = fs.readFileSync(input, "utf8");
    } catch (error) {
      throw new CrosscheckError("TASK_INVALID", `cannot read --input ${input}: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
  const where = input === "-" ? "stdin" : input;
  if (text.trim() === "")
    throw new CrosscheckError("TASK_INVALID", `${where} holds no task: give one JSON task or JSON Lines`);
  try {
    const whole: unknown = JSON.parse(text);
    if (typeof whole === "object" && whole !== null && !Array.isArray(whole)) return [whole];
  } catch {
    // not one JSON document: read it as JSON Lines below
  }
  const tasks: unknown[] = [];
  text.split("\n").forEach((line, index) => {
    if (line.trim() === "") return;
    try {
      tasks.push(JSON.parse(line));
    } catch (error) {
      throw new CrosscheckError(
        "TASK_INVALID",
        `${where} line ${index + 1} is not valid JSON (${(error as Error).message}): give one JSON task, or one task a line`,
      );
    }
  });
  return tasks;
}
