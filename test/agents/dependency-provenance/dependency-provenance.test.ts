import { describe, expect, it } from "vitest";
import { dependencyProvenance } from "../../../src/agents/dependency-provenance/auditor.js";
import { imitatedName, withinOneEdit } from "../../../src/agents/dependency-provenance/typosquat.js";
import { auditInputOf, auditorContract } from "../auditor-contract.js";

auditorContract("dependencyProvenance", () => dependencyProvenance());

async function setupAudit(content: unknown) {
  const input = auditInputOf(content);
  const verdict = await dependencyProvenance().audit(input, { signal: new AbortController().signal });
  return {
    verdict,
    rules: (verdict.findings ?? []).map((f) => `${f.ruleId}@${f.location?.line}:${f.severity}`),
  };
}

const pkg = (deps: Record<string, string>, scripts: Record<string, string> = {}) =>
  JSON.stringify({ name: "app", scripts, dependencies: deps }, null, 2);

describe("typosquat distance", () => {
  it("accepts one insertion, deletion, substitution or swap, and nothing further", () => {
    expect([
      withinOneEdit("lodash", "lodahs"),
      withinOneEdit("lodash", "lodas"),
      withinOneEdit("lodash", "l0dash"),
      withinOneEdit("lodash", "llodash"),
    ]).toEqual([true, true, true, true]);
    expect(withinOneEdit("lodash", "ldoahs")).toBe(false);
  });

  it("names the imitated package and leaves popular and scoped names alone", () => {
    const popular = new Set(["express", "react"]);
    expect(imitatedName("expres", popular)).toBe("express");
    expect(imitatedName("express", popular)).toBeUndefined();
    expect(imitatedName("@types/react", popular)).toBeUndefined();
  });
});

describe("dependencyProvenance on package.json", () => {
  it("reports a new typosquat, a git dependency, an unpinned version and an install script, and not a clean bump", async () => {
    const previous = pkg({ express: "^4.18.0" });
    const content = pkg(
      { express: "^4.19.2", expresss: "^1.0.0", left: "github:someone/left", chalk: "*" },
      { postinstall: "node x.js" },
    );
    const { verdict, rules } = await setupAudit({ files: [{ path: "package.json", content, previous }] });
    expect(verdict.decision).toBe("fail");
    expect(rules).toEqual([
      "dep.new-dependency@8:info",
      "dep.typosquat@8:high",
      "dep.new-dependency@9:info",
      "dep.git-source@9:medium",
      "dep.new-dependency@10:info",
      "dep.unpinned@10:medium",
      "dep.install-script@4:medium",
    ]);
  });

  it("passes a version bump of a known dependency", async () => {
    const { verdict, rules } = await setupAudit({
      files: [
        { path: "package.json", content: pkg({ express: "^4.19.2" }), previous: pkg({ express: "^4.18.0" }) },
      ],
    });
    expect([verdict.decision, rules]).toEqual(["pass", []]);
  });

  it("reads package.json hunks of a diff member by member", async () => {
    const diff = [
      "--- a/package.json",
      "+++ b/package.json",
      "@@ -3,4 +3,5 @@",
      '   "dependencies": {',
      '     "react": "^18.2.0",',
      '+    "reacct": "^1.0.0",',
      '     "zod": "^3.0.0"',
      "   }",
      "",
    ].join("\n");
    const { rules } = await setupAudit({ diff });
    expect(rules).toEqual(["dep.new-dependency@5:info", "dep.typosquat@5:high"]);
  });
});

describe("dependencyProvenance on lockfiles and requirements", () => {
  it("reports lockfile entries without integrity and from another registry", async () => {
    const lock = JSON.stringify(
      {
        lockfileVersion: 3,
        packages: {
          "": {},
          "node_modules/a": { resolved: "https://registry.npmjs.org/a/-/a-1.0.0.tgz", integrity: "sha512-x" },
          "node_modules/b": { resolved: "https://evil.example/b-1.0.0.tgz" },
        },
      },
      null,
      2,
    );
    const { rules } = await setupAudit({ files: [{ path: "package-lock.json", content: lock }] });
    expect(rules).toEqual(["dep.foreign-registry@9:high", "dep.no-integrity@9:high"]);
  });

  it("reports requirements from git, other indexes, without versions, and typosquats", async () => {
    const content = [
      "requests==2.31.0",
      "reqeusts==1.0",
      "flask",
      "git+https://github.com/x/y.git",
      "--extra-index-url https://pypi.evil.example/simple",
    ].join("\n");
    const { rules } = await setupAudit({ files: [{ path: "requirements.txt", content }] });
    expect(rules).toEqual([
      "dep.typosquat@2:high",
      "dep.unpinned@3:medium",
      "dep.git-source@4:medium",
      "dep.foreign-registry@5:high",
    ]);
  });
});

describe("dependencyProvenance on yarn.lock", () => {
  it("reports entries from another registry, without integrity or from git, and accepts the yarn mirror", async () => {
    const content = [
      "# yarn lockfile v1",
      "",
      '"left-pad@^1.3.0":',
      '  version "1.3.0"',
      '  resolved "https://registry.yarnpkg.com/left-pad/-/left-pad-1.3.0.tgz#5b8a"',
      "  integrity sha512-abc",
      "",
      "evil@^1.0.0:",
      '  version "1.0.0"',
      '  resolved "https://npm.evil.example/evil-1.0.0.tgz"',
      "",
      "tool@github:someone/tool:",
      '  version "0.0.1"',
      '  resolved "git+https://github.com/someone/tool.git#abc"',
      "",
    ].join("\n");
    const { rules } = await setupAudit({ files: [{ path: "yarn.lock", content }] });
    expect(rules).toEqual([
      "dep.foreign-registry@8:high",
      "dep.no-integrity@8:high",
      "dep.git-source@12:medium",
    ]);
  });
});
