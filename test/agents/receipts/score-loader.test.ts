import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadLabelled, toTask } from "../../../bench/score-receipts.js";
import { isCrosscheckError } from "../../../src/errors.js";
import { tempDir } from "../../helpers/temp.js";

function setupFile(...rows: string[]): string {
  const file = path.join(tempDir(), "labelled.jsonl");
  fs.writeFileSync(file, `${rows.join("\n")}\n`);
  return file;
}

const GOOD = JSON.stringify({
  id: "r1",
  input: { text: "SHOP\nTOTAL  5.00" },
  output: { company: "SHOP", date: "01/02/2020", address: "1 ROAD", total: "5.00" },
  label: "correct",
});

describe("score-receipts loader", () => {
  it("reads labelled outputs, and makes audit-mode tasks of them", () => {
    const [row] = loadLabelled(setupFile(GOOD, ""));
    expect(row?.label).toBe("correct");
    expect(toTask(row as NonNullable<typeof row>)).toEqual({
      id: "r1",
      kind: "receipt",
      input: { text: "SHOP\nTOTAL  5.00" },
      output: { content: { company: "SHOP", date: "01/02/2020", address: "1 ROAD", total: "5.00" } },
    });
  });

  it("rejects a line that is not JSON, naming the file and the line", () => {
    const file = setupFile(GOOD, "{not json");
    expect(() => loadLabelled(file)).toThrow(`${file} line 2: not valid JSON`);
  });

  it("rejects a row without a label, naming the field", () => {
    const file = setupFile(GOOD, JSON.stringify({ ...JSON.parse(GOOD), label: undefined }));
    try {
      loadLabelled(file);
      expect.unreachable();
    } catch (error) {
      expect(isCrosscheckError(error) && error.code).toBe("TASK_INVALID");
      expect((error as Error).message).toMatch(/line 2: label: .*; fix or remove that line$/);
    }
  });
});
