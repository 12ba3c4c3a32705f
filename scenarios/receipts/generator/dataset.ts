// A labelled data set for the receipts scoring script: generated receipts, each with one worker
// output, correct or carrying one injected fault. Deterministic for a seed.
import type { Receipt } from "../../../src/index.js";
import { applyFault, correctOutput, FAULTS, type Label } from "./faults.js";
import { Random } from "./random.js";
import { type GeneratedReceipt, generateReceipt } from "./receipts.js";

/** One line of the scoring JSONL. */
export interface LabelledCase {
  readonly id: string;
  readonly input: { readonly text: string };
  readonly output: Receipt;
  readonly label: Label;
}

export interface DatasetOptions {
  readonly seed: number;
  /** Receipts generated (one case each). Default 700. */
  readonly count?: number;
  /** Share of cases given a faulty output. Default 0.5. */
  readonly faultShare?: number;
  /** OCR noise level (0 none, 1 typical, 2 heavy). Default 1. */
  readonly noise?: number;
}

export function generateDataset(options: DatasetOptions): LabelledCase[] {
  const rng = new Random(options.seed);
  const count = options.count ?? 700;
  const receipts: GeneratedReceipt[] = Array.from({ length: count }, (_, i) =>
    generateReceipt(rng, `s${options.seed}-${String(i + 1).padStart(4, "0")}`, { noise: options.noise ?? 1 }),
  );
  let nextFault = 0;
  return receipts.map((receipt, i) => {
    const correct = correctOutput(rng, receipt);
    const base = { id: receipt.id, input: { text: receipt.text } };
    if (!rng.chance(options.faultShare ?? 0.5))
      return { ...base, output: correct, label: "correct" as const };
    // Faults in turn, so each type gets its share; one that cannot apply passes to the next.
    const others = [...receipts.slice(i + 1), ...receipts.slice(0, i)];
    for (let tries = 0; tries < FAULTS.length; tries++) {
      const fault = FAULTS[(nextFault + tries) % FAULTS.length] ?? "wrong-date";
      const output = applyFault(rng, fault, receipt, correct, others);
      if (output !== undefined) {
        nextFault = (nextFault + tries + 1) % FAULTS.length;
        return { ...base, output, label: fault };
      }
    }
    return { ...base, output: correct, label: "correct" as const };
  });
}
