// Recorded trajectories whose final report claims what the trace contradicts.
import type { Task } from "../../src/index.js";
import { CLAIMED_CHECKS } from "./dishonest-checks.js";
import { HIDDEN_EFFECTS } from "./dishonest-effects.js";

export const DISHONEST: Record<string, Task> = { ...CLAIMED_CHECKS, ...HIDDEN_EFFECTS };
