import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * One cgroup per execution, where this process may create them (cgroup v2 with the pids and
 * memory controllers delegated, or writable v1 `pids` / `memory` hierarchies): pids.max holds a
 * fork bomb whatever the uid (RLIMIT_NPROC does not bind root), memory.max holds a memory hog,
 * and the kernel counts what was hit. Where none is writable, `createCgroup` returns undefined
 * and the rlimits are all there is (the result says which limits were enforced how).
 */
export interface SandboxCgroup {
  /** `cgroup-v2:pids`, `cgroup-v1:memory`...: what this cgroup enforces. */
  readonly enforced: readonly string[];
  /** The `cgroup.procs` files the execution's first process joins before it execs anything. */
  readonly procsFiles: readonly string[];
  /** Which limits the kernel reports as hit. */
  hits(): { processes: boolean; memory: boolean };
  /** Kills every process left in the cgroup. */
  killAll(): void;
  /** Removes the cgroup directories (after every process is gone). */
  remove(): Promise<void>;
}

interface Mount {
  root: string;
  point: string;
  fstype: string;
  superOptions: string[];
}

function readMounts(): Mount[] {
  let text: string;
  try {
    text = fs.readFileSync("/proc/self/mountinfo", "utf8");
  } catch {
    return [];
  }
  return text
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const [before, after = ""] = line.split(" - ");
      const fields = (before ?? "").split(" ");
      const [fstype = "", , superOptions = ""] = after.split(" ");
      return {
        root: fields[3] ?? "/",
        point: fields[4] ?? "",
        fstype,
        superOptions: superOptions.split(","),
      };
    });
}

/** This process's cgroup path per hierarchy: `""` for v2, the controller names for v1. */
function ownCgroups(): Map<string, string> {
  const own = new Map<string, string>();
  let text = "";
  try {
    text = fs.readFileSync("/proc/self/cgroup", "utf8");
  } catch {
    return own;
  }
  for (const line of text.split("\n").filter(Boolean)) {
    const [, controllers = "", cgroupPath = "/"] = line.split(":");
    for (const name of controllers === "" ? [""] : controllers.split(",")) own.set(name, cgroupPath);
  }
  return own;
}

function hostDir(mount: Mount, cgroupPath: string): string {
  const relative = cgroupPath.startsWith(mount.root) ? cgroupPath.slice(mount.root.length) : cgroupPath;
  return path.join(mount.point, relative);
}

function tryWrite(file: string, value: string): boolean {
  try {
    fs.writeFileSync(file, value);
    return true;
  } catch {
    return false;
  }
}

function readCounter(file: string, key: string): number {
  try {
    const line = fs
      .readFileSync(file, "utf8")
      .split("\n")
      .find((l) => l.startsWith(`${key} `));
    return line === undefined ? 0 : Number(line.split(" ")[1] ?? 0);
  } catch {
    return 0;
  }
}

function readNumber(file: string): number {
  try {
    return Number(fs.readFileSync(file, "utf8").trim()) || 0;
  } catch {
    return 0;
  }
}

interface Created {
  dir: string;
  controller: "pids" | "memory";
  version: 1 | 2;
}

function makeChild(parent: string, name: string): string | undefined {
  const dir = path.join(parent, name);
  try {
    fs.mkdirSync(dir);
    return dir;
  } catch {
    return undefined;
  }
}

function createV2(mount: Mount, own: string, name: string, limits: Limits): Created[] {
  const parent = hostDir(mount, own);
  let enabled: string[] = [];
  try {
    enabled = fs.readFileSync(path.join(parent, "cgroup.subtree_control"), "utf8").trim().split(" ");
  } catch {
    return [];
  }
  const wanted = (["pids", "memory"] as const).filter(
    (c) => enabled.includes(c) || tryWrite(path.join(parent, "cgroup.subtree_control"), `+${c}`),
  );
  if (wanted.length === 0) return [];
  const dir = makeChild(parent, name);
  if (dir === undefined) return [];
  const created: Created[] = [];
  if (wanted.includes("pids") && tryWrite(path.join(dir, "pids.max"), String(limits.maxProcesses))) {
    created.push({ dir, controller: "pids", version: 2 });
  }
  if (wanted.includes("memory") && tryWrite(path.join(dir, "memory.max"), String(limits.memoryBytes))) {
    tryWrite(path.join(dir, "memory.swap.max"), "0");
    created.push({ dir, controller: "memory", version: 2 });
  }
  if (created.length === 0) fs.rmdirSync(dir);
  return created;
}

function createV1(mounts: Mount[], own: Map<string, string>, name: string, limits: Limits): Created[] {
  const created: Created[] = [];
  for (const controller of ["pids", "memory"] as const) {
    const mount = mounts.find((m) => m.fstype === "cgroup" && m.superOptions.includes(controller));
    const ownPath = own.get(controller);
    if (mount === undefined || ownPath === undefined) continue;
    const dir = makeChild(hostDir(mount, ownPath), name);
    if (dir === undefined) continue;
    const ok =
      controller === "pids"
        ? tryWrite(path.join(dir, "pids.max"), String(limits.maxProcesses))
        : tryWrite(path.join(dir, "memory.limit_in_bytes"), String(limits.memoryBytes));
    if (controller === "memory" && ok && fs.existsSync(path.join(dir, "memory.memsw.limit_in_bytes"))) {
      tryWrite(path.join(dir, "memory.memsw.limit_in_bytes"), String(limits.memoryBytes));
    }
    if (ok) created.push({ dir, controller, version: 1 });
    else fs.rmdirSync(dir);
  }
  return created;
}

export interface Limits {
  maxProcesses: number;
  memoryBytes: number;
}

/** A fresh cgroup for one execution with its limits written, or undefined where none can be made. */
export function createCgroup(limits: Limits): SandboxCgroup | undefined {
  const name = `crosscheck-sandbox-${randomUUID()}`;
  const mounts = readMounts();
  const own = ownCgroups();
  const v2 = mounts.find((m) => m.fstype === "cgroup2");
  let created: Created[] = [];
  if (v2 !== undefined && own.has("")) created = createV2(v2, own.get("") ?? "/", name, limits);
  if (created.length === 0) created = createV1(mounts, own, name, limits);
  if (created.length === 0) return undefined;
  const dirs = [...new Set(created.map((c) => c.dir))];
  const pids = created.find((c) => c.controller === "pids");
  const memory = created.find((c) => c.controller === "memory");
  return {
    enforced: created.map((c) => `cgroup-v${c.version}:${c.controller}`),
    procsFiles: dirs.map((dir) => path.join(dir, "cgroup.procs")),
    hits() {
      const processes = pids !== undefined && readCounter(path.join(pids.dir, "pids.events"), "max") > 0;
      let memoryHit = false;
      if (memory?.version === 2) {
        const events = path.join(memory.dir, "memory.events");
        memoryHit = readCounter(events, "oom_kill") > 0 || readCounter(events, "max") > 0;
      } else if (memory !== undefined) {
        memoryHit =
          readNumber(path.join(memory.dir, "memory.failcnt")) > 0 ||
          readCounter(path.join(memory.dir, "memory.oom_control"), "oom_kill") > 0;
      }
      return { processes, memory: memoryHit };
    },
    killAll() {
      for (const dir of dirs) {
        if (tryWrite(path.join(dir, "cgroup.kill"), "1")) continue;
        let procs: string[] = [];
        try {
          procs = fs.readFileSync(path.join(dir, "cgroup.procs"), "utf8").split("\n").filter(Boolean);
        } catch {
          continue;
        }
        for (const pid of procs) {
          try {
            process.kill(Number(pid), "SIGKILL");
          } catch {
            // Already gone.
          }
        }
      }
    },
    async remove() {
      for (const dir of dirs) {
        for (let attempt = 0; attempt < 50; attempt++) {
          try {
            fs.rmdirSync(dir);
            break;
          } catch {
            this.killAll();
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
        }
      }
    },
  };
}
