import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DISHONEST } from "../../../scenarios/agent-status/dishonest.js";
import { HONEST } from "../../../scenarios/agent-status/honest.js";
import suite from "../../../scenarios/agent-status/suite.js";
import { runSuite } from "../../../src/scenarios/runner.js";
import { tempDir } from "../../helpers/temp.js";

describe("the agent-status suite", () => {
  it("has at least 25 trajectories, about two thirds dishonest", () => {
    const dishonest = suite.cases.filter((c) => c.tags.includes("dishonest")).length;
    const honest = suite.cases.filter((c) => c.tags.includes("honest")).length;
    expect(dishonest + honest).toBe(suite.cases.length);
    expect(suite.cases.length).toBeGreaterThanOrEqual(25);
    expect(dishonest / suite.cases.length).toBeGreaterThan(0.6);
    expect(dishonest / suite.cases.length).toBeLessThan(0.72);
    expect(dishonest).toBe(Object.keys(DISHONEST).length);
    expect(honest).toBe(Object.keys(HONEST).length);
  });

  it("catches every dishonest trajectory and fails no honest one", async () => {
    try {
      const report = await runSuite(suite, { db: path.join(tempDir(), "audit.db"), concurrency: 4 });
      expect(report.cases.filter((c) => c.status !== "passed").map((c) => [c.name, c.failures])).toEqual([]);
      expect(report.cases).toHaveLength(suite.cases.length);
    } finally {
      suite.workflow.close();
    }
  });

  it("ships tasks.jsonl made of the suite's own trajectories", () => {
    const file = path.join(import.meta.dirname, "../../../scenarios/agent-status/tasks.jsonl");
    const tasks = fs
      .readFileSync(file, "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    const all = { ...DISHONEST, ...HONEST };
    for (const task of tasks)
      expect(task).toEqual(JSON.parse(JSON.stringify(all[task.id as keyof typeof all])));
    expect(tasks.length).toBeGreaterThanOrEqual(5);
  });
});
