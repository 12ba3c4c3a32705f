import { describe, expect, it } from "vitest";
import { generateDataset } from "../../scenarios/receipts/generator/dataset.js";
import { applyFault, correctOutput, FAULTS } from "../../scenarios/receipts/generator/faults.js";
import { Random } from "../../scenarios/receipts/generator/random.js";
import { generateReceipt } from "../../scenarios/receipts/generator/receipts.js";
import { ReceiptSchema } from "../../src/index.js";

const digits = (amount: string) => [...amount.replace(/\D/g, "")].sort().join("");

describe("the receipts generator", () => {
  it("gives the same data set for the same seed, and another for another seed", () => {
    const a = generateDataset({ seed: 7, count: 30 });
    expect(generateDataset({ seed: 7, count: 30 })).toEqual(a);
    expect(generateDataset({ seed: 8, count: 30 })).not.toEqual(a);
  });

  it("labels about half the outputs faulty, every fault type among them, each a valid extraction", () => {
    const rows = generateDataset({ seed: 5, count: 300 });
    const labels = new Set(rows.map((r) => r.label));
    expect([...labels].sort()).toEqual(["correct", ...FAULTS].sort());
    const faulty = rows.filter((r) => r.label !== "correct").length;
    expect(faulty).toBeGreaterThan(120);
    expect(faulty).toBeLessThan(180);
    for (const row of rows) expect(ReceiptSchema.safeParse(row.output).success, row.id).toBe(true);
  });

  it("injects each fault into its own field only", () => {
    const rng = new Random(11);
    const receipts = Array.from({ length: 40 }, (_, i) => generateReceipt(rng, `r${i}`));
    const field = {
      "total-transposed": "total",
      "total-cents-dropped": "total",
      "tax-as-total": "total",
      "subtotal-as-total": "total",
      "wrong-date": "date",
      "reformatted-date": "date",
      "other-vendor": "company",
    } as const;
    for (const receipt of receipts) {
      const correct = correctOutput(rng, receipt);
      for (const fault of FAULTS) {
        const faulty = applyFault(rng, fault, receipt, correct, receipts);
        if (faulty === undefined) continue;
        const changed = Object.keys(correct).filter(
          (k) =>
            JSON.stringify(correct[k as keyof typeof correct]) !==
            JSON.stringify(faulty[k as keyof typeof faulty]),
        );
        expect(changed, `${receipt.id} ${fault}`).toEqual([field[fault]]);
        if (fault === "total-transposed") expect(digits(faulty.total)).toBe(digits(correct.total));
        if (fault === "total-cents-dropped") expect(faulty.total).not.toMatch(/[.,]\d{2}\b/);
      }
    }
  });
});
