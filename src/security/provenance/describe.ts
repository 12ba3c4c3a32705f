import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { parseWith } from "../../domain/parse.js";
import { CrosscheckError } from "../../errors.js";
import { sha256Hex } from "../../internal/sha256.js";

/**
 * What an agent declares about itself for its manifest, beyond its name, model and code. None of
 * it is read from the agent's behaviour: it is what `crosscheck agents sign` signs and what
 * `provenance: "strict"` holds the agent to.
 */
export interface AgentProvenance {
  /** The agent's own version (e.g. "1.4.0"). */
  version?: string;
  /** Its system prompt or rubric; the manifest keeps its SHA-256, not the text. */
  prompt?: string;
  /** Model parameters (temperature, max tokens...), JSON values only. */
  parameters?: Record<string, unknown>;
  /** The tools it may call. */
  tools?: readonly string[];
  /**
   * The module that defines it: pass `import.meta.url` (or a path). The manifest keeps the
   * SHA-256 of that file, which also covers helpers and constants the agent's function closes over.
   */
  module?: string | URL;
}

/** The declaration after checks: the module read and hashed. */
export interface ResolvedProvenance {
  version?: string;
  prompt?: string;
  parameters?: Record<string, unknown>;
  tools?: readonly string[];
  module?: { file: string; sha256: string };
}

const ProvenanceSchema = z
  .object({
    version: z.string().min(1).max(100).optional(),
    prompt: z.string().optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
    tools: z.array(z.string().min(1)).optional(),
    module: z.union([z.string().min(1), z.instanceof(URL)]).optional(),
  })
  .strict();

const PROVENANCE: unique symbol = Symbol.for("crosscheck.provenance");

/**
 * Attaches a provenance declaration to a worker or auditor (the same object, returned for
 * chaining): `withProvenance(defineAuditor("totals", audit), { version: "1.0.0", module: import.meta.url })`.
 * The module file is read and hashed now, so a bad path fails at definition time.
 */
export function withProvenance<A extends object>(agent: A, provenance: AgentProvenance): A {
  const where = `withProvenance(${JSON.stringify((agent as { name?: unknown }).name ?? "agent")})`;
  const data = parseWith(ProvenanceSchema, provenance, "WORKFLOW_INVALID", where);
  const resolved: ResolvedProvenance = {};
  if (data.version !== undefined) resolved.version = data.version;
  if (data.prompt !== undefined) resolved.prompt = data.prompt;
  if (data.parameters !== undefined) resolved.parameters = data.parameters;
  if (data.tools !== undefined) resolved.tools = data.tools;
  if (data.module !== undefined) resolved.module = hashModule(data.module, where);
  Object.defineProperty(agent, PROVENANCE, { value: Object.freeze(resolved), enumerable: false });
  return agent;
}

/** The declaration attached by withProvenance, or undefined. */
export function provenanceOf(agent: object): ResolvedProvenance | undefined {
  return (agent as { [PROVENANCE]?: ResolvedProvenance })[PROVENANCE];
}

function hashModule(module: string | URL, where: string): { file: string; sha256: string } {
  const file = module instanceof URL || module.startsWith("file:") ? fileURLToPath(module) : module;
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    throw new CrosscheckError(
      "WORKFLOW_INVALID",
      `${where}: module ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"}): pass import.meta.url of the file that defines the agent`,
      { cause: error },
    );
  }
  return { file, sha256: sha256Hex(bytes) };
}
