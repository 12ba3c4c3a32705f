/**
 * Consensus policies: verdicts in, a Decision out. One policy a file under ./consensus/; this
 * file is the entry point (explicit re-exports). Helpers in ./consensus/tally.ts are not API
 * except latestVerdicts.
 */
export type { AnyCriticalBlocksOptions } from "./consensus/any-critical-blocks.js";
export { anyCriticalBlocks, DEFAULT_BLOCKING_SEVERITY } from "./consensus/any-critical-blocks.js";
export { firstOf } from "./consensus/first-of.js";
export { majority } from "./consensus/majority.js";
export { minConfidence } from "./consensus/min-confidence.js";
export type { ConsensusPolicy } from "./consensus/policy.js";
export { decideWith, isConsensusPolicy, NO_DECISION_REASON } from "./consensus/policy.js";
export { latestVerdicts } from "./consensus/tally.js";
export { unanimous } from "./consensus/unanimous.js";
export type { WeightedOptions } from "./consensus/weighted.js";
export { DEFAULT_AUDITOR_WEIGHT, DEFAULT_WEIGHT_THRESHOLD, weighted } from "./consensus/weighted.js";
