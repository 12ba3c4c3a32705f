import { llmAuditor } from "./auditor.js";
import { llmWorker } from "./worker.js";

/** Model-backed agents: `agents.llmWorker({...})`, `agents.llmAuditor({...})`. */
export const agents = Object.freeze({ llmWorker, llmAuditor });
