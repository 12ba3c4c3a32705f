import { describe, expect, it } from "vitest";
import { extractClaims, type StatusClaim } from "../../../src/agents/status/claims.js";

/** The claims without their source text, for compact literal expectations. */
const kinds = (status: Parameters<typeof extractClaims>[0]) =>
  extractClaims(status).map(({ text: _text, from: _from, ...rest }) => rest);

describe("extractClaims from free text", () => {
  it("reads a passing test suite with its count, and a denied skip", () => {
    expect(kinds("All 42 tests pass. No tests were skipped.")).toEqual([
      { kind: "tests-passed", count: 42 },
      { kind: "nothing-skipped" },
    ]);
  });

  it("keeps the sentence each claim came from", () => {
    const claims: StatusClaim[] = extractClaims("Implemented the parser.\nAll 42 tests pass.");
    expect(claims.map((c) => [c.kind, c.text, c.from])).toEqual([
      ["task-complete", "Implemented the parser.", "text"],
      ["tests-passed", "All 42 tests pass.", "text"],
    ]);
  });

  it("reads denials of network use", () => {
    expect(kinds("I didn't touch the network.")).toEqual([{ kind: "no-network" }]);
    expect(kinds("Made no network calls.")).toEqual([{ kind: "no-network" }]);
    expect(kinds("Worked entirely offline.")).toEqual([{ kind: "no-network" }]);
    expect(kinds("No network access except the package registry.")).toEqual([
      { kind: "no-network", except: "the package registry" },
    ]);
  });

  it("reads the only files edited, files changed and files left alone", () => {
    expect(kinds("Only edited src/a.ts and src/b.ts.")).toEqual([
      { kind: "files-only", files: ["src/a.ts", "src/b.ts"] },
    ]);
    expect(kinds("Updated `src/parser.ts`. Did not modify package-lock.json.")).toEqual([
      { kind: "files-changed", files: ["src/parser.ts"] },
      { kind: "files-untouched", files: ["package-lock.json"] },
    ]);
    expect(kinds("I read src/config.ts and changed only src/main.ts")).toEqual([
      { kind: "files-only", files: ["src/main.ts"] },
    ]);
  });

  it("keeps what a passing claim excepts", () => {
    expect(kinds("Tests pass except the flaky e2e which I skipped as agreed.")).toEqual([
      { kind: "tests-passed", except: "the flaky e2e which I skipped as agreed" },
    ]);
    expect(kinds("All tests pass (the e2e suite is skipped, as agreed).")).toEqual([
      { kind: "tests-passed", except: "the e2e suite is skipped, as agreed" },
    ]);
  });

  it("reads commands run, quoted or not, and the checks they passed", () => {
    expect(
      kinds("Ran `npm test` and `npm run build`; the build succeeds and there are no lint errors."),
    ).toEqual([
      { kind: "commands-run", commands: ["npm test", "npm run build"] },
      { kind: "build-succeeded" },
      { kind: "lint-passed" },
    ]);
    expect(kinds("I ran npm test and npm run lint, everything passed")).toEqual([
      { kind: "tests-passed", commands: ["npm test"] },
      { kind: "lint-passed", commands: ["npm run lint"] },
      { kind: "commands-run", commands: ["npm test", "npm run lint"] },
    ]);
    expect(kinds("`tsc --noEmit` is clean.")).toEqual([
      { kind: "typecheck-passed", commands: ["tsc --noEmit"] },
    ]);
  });

  it("reads deployment, deletion and completion", () => {
    expect(kinds("Deployed v2 to production. Nothing was deleted. Task complete.")).toEqual([
      { kind: "deployed", target: "v2" },
      { kind: "nothing-deleted" },
      { kind: "task-complete" },
    ]);
    expect(kinds("Deleted the old fixture test/fixtures/old.json.")).toEqual([
      { kind: "data-deleted", files: ["test/fixtures/old.json"] },
    ]);
    expect(kinds("Shipped it to staging.")).toEqual([{ kind: "deployed", target: "staging" }]);
  });

  it("does not read admissions, plans or hedges as claims", () => {
    expect(kinds("The typecheck is clean, but 2 tests still fail.")).toEqual([{ kind: "typecheck-passed" }]);
    expect(kinds("Ready to deploy once review is done.")).toEqual([]);
    expect(kinds("Tests are not passing yet.")).toEqual([]);
    expect(kinds("The feature is partially implemented.")).toEqual([]);
  });

  it("reads negated failures as success", () => {
    expect(kinds("None of the tests failed.")).toEqual([{ kind: "tests-passed" }]);
    expect(kinds("0 failures in the test suite")).toEqual([{ kind: "tests-passed" }]);
    expect(kinds("No type errors.")).toEqual([{ kind: "typecheck-passed" }]);
  });
});

describe("extractClaims from agent-style summaries", () => {
  it("reads check marks, labelled lines and denied warnings", () => {
    expect(kinds("- ✅ `npm test` — 42 passed\n- ✅ `npm run lint` — clean\n- ❌ e2e not run")).toEqual([
      { kind: "tests-passed", commands: ["npm test"], count: 42 },
      { kind: "lint-passed", commands: ["npm run lint"] },
    ]);
    expect(kinds("Tests: 12/12 passing. Build: OK. Lint: 0 warnings.")).toEqual([
      { kind: "tests-passed", count: 12 },
      { kind: "build-succeeded" },
      { kind: "lint-passed" },
    ]);
  });

  it("reads files listed under a changes heading, with or without a verb", () => {
    expect(
      kinds(
        "Done.\n\n**Files changed:**\n- `src/a.ts` — new helper\n- `src/c.ts`: fixed the bound\n\n**Checks:**\n- src/z.ts",
      ),
    ).toEqual([
      { kind: "task-complete" },
      { kind: "files-changed", files: ["src/c.ts"] },
      { kind: "files-changed", files: ["src/a.ts"] },
    ]);
  });

  it("reads 'no files outside src/ were modified' as the only folder changed", () => {
    expect(kinds("No files outside src/ were modified.")).toEqual([{ kind: "files-only", files: ["src/"] }]);
  });

  it("reads generic success as all checks passing, and verification as passing", () => {
    expect(kinds("Everything is green ✅")).toEqual([{ kind: "checks-passed" }]);
    expect(kinds("All checks pass.")).toEqual([{ kind: "checks-passed" }]);
    expect(kinds("I verified the fix by running the tests.")).toEqual([{ kind: "tests-passed" }]);
  });

  it("does not read guesses as claims", () => {
    expect(kinds("Everything should work now.")).toEqual([]);
    expect(kinds("The tests should pass now.")).toEqual([]);
    expect(kinds("I was unable to run the tests because the database was down.")).toEqual([]);
  });

  it("keeps a contrast in the same sentence as a completion claim's exception", () => {
    expect(kinds("I implemented the renderer, but could not get the typecheck to pass.")).toEqual([
      { kind: "task-complete", except: "could not get the typecheck to pass." },
    ]);
  });

  it("keeps an admission in the same sentence as the claim's exception", () => {
    expect(kinds("The build still fails on Windows, but Linux builds succeed.")).toEqual([
      { kind: "build-succeeded", except: "The build still fails on Windows" },
    ]);
  });
});

describe("extractClaims from a structured report", () => {
  it("reads the documented fields, in any key case", () => {
    expect(
      kinds({
        tests_passed: true,
        FilesChanged: ["src/a.ts"],
        commands: ["npm test"],
        network: false,
        deleted: [],
        deployed: "v2",
        complete: true,
      }),
    ).toEqual([
      { kind: "tests-passed" },
      { kind: "files-only", files: ["src/a.ts"] },
      { kind: "commands-run", commands: ["npm test"] },
      { kind: "no-network" },
      { kind: "nothing-deleted" },
      { kind: "deployed", target: "v2" },
      { kind: "task-complete" },
    ]);
  });

  it("cites the field and value as the claim's text", () => {
    expect(extractClaims({ network: false })).toEqual([
      { kind: "no-network", text: "network: false", from: "field" },
    ]);
  });

  it("reads test counts, disclosed skips, and the summary as text", () => {
    expect(
      kinds({
        tests: { passed: 40, failed: 0, command: "npx vitest run" },
        skipped: ["e2e/login.spec.ts"],
        summary: "Fixed the login redirect. Did not touch the network.",
      }),
    ).toEqual([
      { kind: "tests-passed", commands: ["npx vitest run"], count: 40, except: "e2e/login.spec.ts" },
      { kind: "task-complete" },
      { kind: "no-network" },
    ]);
  });

  it("leaves out fields of the wrong type and ignores unknown ones", () => {
    expect(kinds({ testsPassed: "yes", network: false, mood: "great" })).toEqual([{ kind: "no-network" }]);
    expect(kinds({ deleted: ["db/users"] })).toEqual([{ kind: "data-deleted", files: ["db/users"] }]);
  });

  it("returns no claims for a missing report", () => {
    expect(extractClaims(undefined)).toEqual([]);
    expect(extractClaims("")).toEqual([]);
  });
});
