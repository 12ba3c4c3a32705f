import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import type { Workflow } from "../src/index.js";
import { ROOT } from "./helpers/cli.js";
import { tempDb } from "./helpers/temp.js";

/** The README's workflow example, with the package import pointed at this checkout. */
function readmeWorkflowSource(): string {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  const block = readme.match(/```ts\n(\/\/ receipts\.ts\n[\s\S]*?)```/)?.[1];
  if (block === undefined) throw new Error("README has no receipts.ts example");
  expect(block.split("\n").filter((l) => l.trim() !== "").length).toBeLessThanOrEqual(22);
  return block.replace('from "crosscheck"', `from ${JSON.stringify(path.join(ROOT, "src/index.ts"))}`);
}

describe("the README's workflow example", () => {
  it("defines a workflow that accepts a consistent receipt and rejects a wrong total", async () => {
    const file = path.join(ROOT, "test", `.readme-${process.pid}.ts`);
    fs.writeFileSync(file, readmeWorkflowSource());
    try {
      const { default: workflow } = (await import(pathToFileURL(file).href)) as {
        default: Workflow<{ text: string }>;
      };
      const db = tempDb();
      const good = await workflow.run({ input: { text: "SHOP\nTOTAL 12.50" } }, { db });
      expect(good.outcome).toBe("accepted");
      const bad = await workflow.run({ input: { text: "SHOP\nno total here" } }, { db });
      expect(bad.outcome).toBe("rejected");
      expect(bad.findings.map((f) => f.ruleId)).toContain("receipt.total");
      workflow.close();
    } finally {
      fs.rmSync(file, { force: true });
    }
  });
});
