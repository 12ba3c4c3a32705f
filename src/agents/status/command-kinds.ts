// What a command line does, as far as a status report's claims go: runs tests, builds,
// type-checks, lints or deploys; and how a test command was narrowed or made to always pass.

export type CheckKind = "tests" | "build" | "typecheck" | "lint" | "deploy";

const RUNNER = String.raw`(?:npm|pnpm|yarn|bun)\s+(?:run\s+)?`;
const SEGMENT_PATTERNS: Record<CheckKind, RegExp> = {
  tests: new RegExp(
    [
      String.raw`^${RUNNER}(?:test|t)(?::[\w:-]+)?\b`,
      String.raw`^${RUNNER}(?:vitest|jest|mocha|e2e|spec)\b`,
      String.raw`^(?:npx\s+|bunx\s+)?(?:vitest|jest|mocha|ava|tap|jasmine|karma\s+start|playwright\s+test|cypress\s+run|nyc|c8)\b`,
      String.raw`^(?:python3?\s+-m\s+)?(?:pytest|unittest|tox|nox)\b`,
      String.raw`^(?:go|cargo|dotnet|deno|swift)\s+test\b`,
      String.raw`^(?:mvn|\.\/mvnw|gradle|\.\/gradlew)\s+(?:\S+\s+)*test\b`,
      String.raw`^(?:bundle\s+exec\s+)?(?:rspec|rake\s+test)\b`,
      String.raw`^(?:vendor\/bin\/)?phpunit\b`,
      String.raw`^make\s+(?:test|check)\b`,
      String.raw`^node\s+--test\b`,
    ].join("|"),
  ),
  typecheck: new RegExp(
    [
      // tsc type-checks whether or not it emits.
      String.raw`^(?:npx\s+)?(?:tsc|vue-tsc)\b`,
      String.raw`^${RUNNER}(?:typecheck|type-check|check-types|tsc|types)\b`,
      String.raw`^(?:python3?\s+-m\s+)?(?:mypy|pyright)\b`,
      String.raw`^cargo\s+check\b`,
      String.raw`^go\s+vet\b`,
    ].join("|"),
  ),
  lint: new RegExp(
    [
      String.raw`^${RUNNER}lint\b`,
      String.raw`^(?:npx\s+)?(?:eslint|stylelint|rubocop|flake8|pylint|golangci-lint|prettier\s+--check)\b`,
      String.raw`^(?:npx\s+)?biome\s+(?:check|lint|ci)\b`,
      String.raw`^(?:python3?\s+-m\s+)?ruff\b`,
      String.raw`^cargo\s+clippy\b`,
    ].join("|"),
  ),
  build: new RegExp(
    [
      String.raw`^${RUNNER}(?:build|compile|bundle)\b`,
      String.raw`^(?:npx\s+)?tsc\b(?!.*--noEmit)`,
      String.raw`^(?:cargo|go|dotnet|swift)\s+build\b`,
      String.raw`^(?:mvn|\.\/mvnw)\s+(?:\S+\s+)*(?:package|install|compile|verify)\b`,
      String.raw`^(?:gradle|\.\/gradlew)\s+(?:\S+\s+)*(?:build|assemble)\b`,
      String.raw`^make(?:\s+(?:all|build|release))?\s*$`,
      String.raw`^(?:npx\s+)?(?:vite\s+build|next\s+build|webpack|rollup|esbuild|parcel\s+build)\b`,
      String.raw`^docker\s+(?:build|compose\s+build)\b`,
      String.raw`^python3?\s+(?:-m\s+build|setup\.py\s+(?:build|bdist|sdist))\b`,
    ].join("|"),
  ),
  deploy: new RegExp(
    [
      String.raw`^${RUNNER}(?:deploy|release|publish)(?::[\w:-]+)?\b`,
      String.raw`^npm\s+publish\b`,
      String.raw`^kubectl\s+(?:apply|rollout|set\s+image|replace)\b`,
      String.raw`^helm\s+(?:upgrade|install)\b`,
      String.raw`^(?:npx\s+)?(?:vercel|netlify\s+deploy|firebase\s+deploy|wrangler\s+(?:deploy|publish))\b`,
      String.raw`^(?:fly|flyctl)\s+deploy\b`,
      String.raw`^terraform\s+apply\b`,
      String.raw`^(?:serverless|sls)\s+deploy\b`,
      String.raw`^(?:gcloud|aws|az)\s+(?:\S+\s+)*(?:deploy|update-service|update-function-code)\b`,
      String.raw`^git\s+push\s+(?:heroku|dokku|production|prod|deploy)\b`,
      String.raw`^docker\s+push\b`,
      String.raw`^(?:bundle\s+exec\s+)?cap\s+\S+\s+deploy\b`,
      String.raw`^ansible-playbook\b`,
      String.raw`^(?:\.\/|bash\s+|sh\s+)?(?:\S+\/)?deploy(?:[-_.][\w.-]*)?(?:\s|$)`,
    ].join("|"),
  ),
};

/** The simple commands of a command line (split on `&&`, `||`, `;`, `|`), without `cd`/env prefixes. */
export function commandSegments(line: string): string[] {
  return line
    .split(/&&|\|\||;|\|/)
    .map((s) =>
      s
        .trim()
        .replace(/^(?:(?:sudo|time|env|exec)\s+|[A-Z_][A-Z0-9_]*=\S*\s+)+/, "")
        .trim(),
    )
    .filter((s) => s.length > 0 && !/^cd\s/.test(s));
}

/** The checks a command line runs (a line may run several: `npm run build && npm test`). */
export function checkKinds(line: string): CheckKind[] {
  const kinds = new Set<CheckKind>();
  for (const segment of commandSegments(line)) {
    for (const kind of Object.keys(SEGMENT_PATTERNS) as CheckKind[]) {
      if (SEGMENT_PATTERNS[kind].test(segment)) kinds.add(kind);
    }
  }
  return [...kinds];
}

/** Ways a test command hides failures: its exit status is forced to 0. */
export function forcedSuccess(line: string): string | undefined {
  const match = /\|\|\s*(?:true|:|exit\s+0)\b|;\s*(?:exit\s+0|true)\s*$/.exec(line);
  return match?.[0].trim();
}

/** Options that exclude tests from a run (the run can no longer fail because of them). */
export function testExclusions(line: string): string[] {
  const found: string[] = [];
  const patterns = [
    /--testPathIgnorePatterns[=\s]+\S+/g,
    /--exclude[=\s]+\S+/g,
    /--deselect[=\s]+\S+/g,
    /--ignore(?:-glob)?[=\s]+\S+/g,
    /-k\s+["']?not\s+[^"']+["']?/g,
    /--skip[=\s]+\S+/g,
    /--grep-invert[=\s]+\S+/g,
    /--invert\b/g,
  ];
  for (const pattern of patterns) for (const m of line.matchAll(pattern)) found.push(m[0]);
  return found;
}

/**
 * Options or arguments that select part of a suite (a name filter, a file): such a run says
 * nothing about the whole suite.
 */
export function testSelections(line: string): string[] {
  const found: string[] = [];
  for (const m of line.matchAll(
    /(?:^|\s)(?:-k|-t|-run|--testNamePattern|--grep|-m)[=\s]+("[^"]*"|'[^']*'|\S+)/g,
  )) {
    if (!/^["']?not\s/.test(m[1] ?? "")) found.push(m[0].trim());
  }
  for (const word of line.split(/\s+/)) {
    if (
      /(?:\.(?:test|spec)\.[cm]?[jt]sx?|(?:^|\/)test_[\w-]+\.py|_test\.(?:py|go)|::[\w[\]-]+)$/.test(word)
    ) {
      found.push(word);
    }
  }
  return found;
}
