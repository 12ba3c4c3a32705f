import fs from "node:fs";
import path from "node:path";
import { SANDBOX_WORKSPACE } from "./options.js";

/**
 * An action the sandbox refused: a path outside the workspace, a network call without network,
 * a limit. The tools return it to the agent as a tool error and record a `note` trace event
 * named after `ruleId`, which the sandbox auditor turns into a finding.
 */
export class SandboxBlockedError extends Error {
  override readonly name = "SandboxBlockedError";
  constructor(
    /** `sandbox.path-escape`, `sandbox.network-blocked`, `sandbox.limit-timeout`... */
    readonly ruleId: string,
    message: string,
    /** Recorded with the note: the command, its exit code, the event it cites... */
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

function inside(root: string, candidate: string): boolean {
  return candidate === root || candidate.startsWith(`${root}${path.sep}`);
}

/** The deepest existing ancestor of `target` (itself when it exists), resolved through symlinks. */
function realAncestor(target: string): { real: string; rest: string[]; dangling: boolean } {
  const rest: string[] = [];
  let current = target;
  for (;;) {
    try {
      return { real: fs.realpathSync(current), rest, dangling: false };
    } catch {
      // A symlink whose target does not exist (yet): where it leads cannot be checked.
      if (fs.lstatSync(current, { throwIfNoEntry: false })?.isSymbolicLink()) {
        return { real: current, rest, dangling: true };
      }
      const parent = path.dirname(current);
      if (parent === current) return { real: current, rest, dangling: false };
      rest.unshift(path.basename(current));
      current = parent;
    }
  }
}

/** A path inside the workspace: where it is on the host, and how the agent names it. */
export interface WorkspacePath {
  readonly host: string;
  readonly relative: string;
}

/**
 * Resolves a path an agent gave (relative to the workspace, or absolute under /workspace) to a
 * host path inside the workspace, following symlinks as the kernel would. Refuses `..`, other
 * absolute paths, and any path whose real location (through symlinks) leaves the workspace.
 */
export function resolveInWorkspace(workspace: string, requested: string): WorkspacePath {
  const root = fs.realpathSync(workspace);
  const escaping = (why: string) =>
    new SandboxBlockedError(
      "sandbox.path-escape",
      `path ${JSON.stringify(requested)} ${why}; stay inside the workspace`,
    );
  if (requested.includes("\0")) throw escaping("contains a NUL byte");
  let relative = requested;
  if (path.posix.isAbsolute(requested)) {
    if (requested === SANDBOX_WORKSPACE || requested.startsWith(`${SANDBOX_WORKSPACE}/`)) {
      relative = requested.slice(SANDBOX_WORKSPACE.length).replace(/^\/+/, "");
    } else if (inside(root, requested)) {
      relative = path.relative(root, requested);
    } else {
      throw escaping("is absolute and outside the workspace");
    }
  }
  if (relative.split(/[/\\]+/).includes("..")) throw escaping("uses ..");
  const host = path.join(root, relative);
  const { real, rest, dangling } = realAncestor(host);
  if (dangling) throw escaping(`goes through a symlink to a missing target (${real})`);
  const resolved = path.join(real, ...rest);
  if (!inside(root, resolved))
    throw escaping(`leads outside the workspace (to ${resolved}) through a symlink`);
  return { host: resolved, relative: path.relative(root, resolved) || "." };
}
