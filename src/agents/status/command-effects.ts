// What a command line does to files and the network, beyond its exit code: `rm`, `mv`, redirects,
// `sed -i`, SQL that drops data; curl, wget, git remotes and package managers.
import { commandSegments } from "./command-kinds.js";

export interface FileEffect {
  readonly op: "write" | "delete" | "rename";
  readonly path: string;
  readonly to?: string;
}

export interface NetworkEffect {
  readonly target: string;
  readonly host: string;
  readonly method: string;
}

/** Default registries of package managers that fetch when they install. */
const REGISTRIES: ReadonlyArray<[RegExp, string]> = [
  [
    /^(?:npm|pnpm|bun)\s+(?:install|i|ci|add|update|up)\b|^yarn(?:\s+(?:install|add|upgrade))?\s*(?:\s-\S+)*$/,
    "registry.npmjs.org",
  ],
  [/^yarn\s+(?:add|install|upgrade)\b/, "registry.yarnpkg.com"],
  [
    /^(?:python3?\s+-m\s+)?(?:pip3?|uv\s+pip)\s+install\b|^poetry\s+(?:install|add|update)\b|^uv\s+(?:sync|add)\b/,
    "pypi.org",
  ],
  [/^cargo\s+(?:add|fetch|install|update)\b/, "crates.io"],
  [/^go\s+(?:get|mod\s+download|install)\b/, "proxy.golang.org"],
  [/^gem\s+install\b|^bundle(?:\s+install)?\s*$/, "rubygems.org"],
  [/^(?:apt-get|apt)\s+(?:install|update|upgrade)\b/, "deb.debian.org"],
  [/^docker\s+(?:pull|push)\b/, "registry-1.docker.io"],
];

const URL = /\bhttps?:\/\/[^\s'"`<>)]+/g;

/** The host of a URL or `host:path` target. */
export function hostOf(target: string): string {
  try {
    return new globalThis.URL(target).hostname;
  } catch {
    return target.replace(/^[a-z]+:\/\//i, "").split(/[/:]/)[0] ?? target;
  }
}

/** Arguments of a simple command that are not options. */
function operands(segment: string): string[] {
  return (segment.match(/"[^"]*"|'[^']*'|\S+/g) ?? [])
    .slice(1)
    .map((a) => a.replace(/^["']|["']$/g, ""))
    .filter((a) => !a.startsWith("-"));
}

/** Files a command line writes, deletes or renames (tables dropped by SQL count as `db:<table>`). */
export function fileEffects(line: string): FileEffect[] {
  const effects: FileEffect[] = [];
  for (const segment of commandSegments(line)) {
    const words = segment.split(/\s+/);
    const program = words[0] ?? "";
    if (program === "rm" || program === "unlink" || program === "rmdir" || program === "shred") {
      for (const path of operands(segment)) effects.push({ op: "delete", path });
    } else if (program === "git" && words[1] === "rm") {
      for (const path of operands(segment).slice(1)) effects.push({ op: "delete", path });
    } else if (
      (program === "mv" || (program === "git" && words[1] === "mv")) &&
      operands(segment).length >= 2
    ) {
      const args = operands(segment).slice(program === "git" ? 1 : 0);
      const to = args.at(-1) ?? "";
      for (const path of args.slice(0, -1)) effects.push({ op: "rename", path, to });
    } else if (program === "sed" && /\s-i\b/.test(segment)) {
      const path = operands(segment).at(-1);
      if (path !== undefined) effects.push({ op: "write", path });
    } else if (program === "touch" || program === "tee") {
      for (const path of operands(segment)) effects.push({ op: "write", path });
    } else if (program === "find" && /\s-delete\b/.test(segment)) {
      effects.push({ op: "delete", path: operands(segment)[0] ?? "." });
    }
    for (const m of segment.matchAll(/(?<![0-9&=\-<>])>>?\s*([^\s&|;>]+)/g)) {
      const path = m[1] ?? "";
      if (!/^\/dev\/(?:null|stderr|stdout)$/.test(path)) effects.push({ op: "write", path });
    }
  }
  for (const m of line.matchAll(
    /\b(?:DROP\s+(?:TABLE|DATABASE|SCHEMA|COLLECTION)(?:\s+IF\s+EXISTS)?|TRUNCATE(?:\s+TABLE)?|DELETE\s+FROM)\s+([\w."`]+)/gi,
  )) {
    effects.push({ op: "delete", path: `db:${(m[1] ?? "").replace(/[`"]/g, "")}` });
  }
  if (/\bFLUSHALL\b|\bFLUSHDB\b|\bdropDatabase\(\)/i.test(line)) effects.push({ op: "delete", path: "db:*" });
  return effects;
}

/** Network access a command line makes: URLs it fetches or sends to, remotes, registries. */
export function networkEffects(line: string): NetworkEffect[] {
  const effects: NetworkEffect[] = [];
  for (const segment of commandSegments(line)) {
    const program = (segment.split(/\s+/)[0] ?? "").replace(/^.*\//, "");
    if (/--offline\b|--prefer-offline\b/.test(segment)) continue;
    if (["curl", "wget", "http", "https", "xh", "nc", "ncat", "telnet"].includes(program)) {
      const posts =
        /\s(?:-X\s*(?:POST|PUT|PATCH|DELETE)|-d|--data\S*|-F|--form|--upload-file|-T|--post-data|--post-file)\b/.test(
          segment,
        );
      const urls = segment.match(URL) ?? [];
      const targets = urls.length > 0 ? urls : operands(segment).slice(0, 1);
      for (const target of targets) {
        effects.push({ target, host: hostOf(target), method: posts ? "POST" : "GET" });
      }
      continue;
    }
    if (["ssh", "scp", "rsync", "sftp"].includes(program)) {
      const remote = operands(segment).find((a) => /^[\w.-]+@?[\w.-]*:/.test(a) || program === "ssh");
      if (remote !== undefined)
        effects.push({ target: remote, host: hostOf(remote.replace(/^[^@]*@/, "")), method: "POST" });
      continue;
    }
    const git = /^git\s+(clone|fetch|pull|push|ls-remote)\b/.exec(segment);
    if (git !== null) {
      const url = segment.match(URL)?.[0] ?? /\S+@[\w.-]+:\S+/.exec(segment)?.[0];
      const target = url ?? `git remote (${git[1]})`;
      effects.push({
        target,
        host: url === undefined ? "git remote" : hostOf(url.replace(/^[^@]*@/, "")),
        method: git[1] === "push" ? "POST" : "GET",
      });
      continue;
    }
    for (const [pattern, registry] of REGISTRIES) {
      if (!pattern.test(segment)) continue;
      const custom = /--(?:registry|index-url)[=\s]+(\S+)/.exec(segment)?.[1];
      effects.push({
        target: custom ?? registry,
        host: custom === undefined ? registry : hostOf(custom),
        method: "GET",
      });
      break;
    }
  }
  return effects;
}

/** Code that reaches the network when a script runs: shell fetchers and common HTTP client calls. */
export function scriptFetches(content: string): NetworkEffect[] {
  const effects: NetworkEffect[] = [];
  for (const line of content.split("\n")) {
    const shell = networkEffects(line.trim());
    if (shell.length > 0) {
      effects.push(...shell);
      continue;
    }
    if (
      /\b(?:fetch|axios(?:\.\w+)?|requests\.\w+|urlopen|http\.get|https\.get|got|httpx\.\w+)\s*\(/.test(line)
    ) {
      for (const target of line.match(URL) ?? [])
        effects.push({ target, host: hostOf(target), method: "GET" });
    }
  }
  return effects;
}
