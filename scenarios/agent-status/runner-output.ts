// What test runners print, for the recorded trajectories: Vitest, Jest and pytest summaries.

export function vitest(
  passed: number,
  failed = 0,
  options: { skipped?: number; failing?: string[]; files?: number } = {},
): string {
  const skipped = options.skipped ?? 0;
  const total = passed + failed + skipped;
  const files = options.files ?? Math.max(1, Math.ceil(total / 6));
  const failing = options.failing ?? [];
  const lines = [" RUN  v3.2.4 /workspace", ""];
  for (const file of failing)
    lines.push(` FAIL  ${file} > handles the edge case`, "AssertionError: expected 3 to be 4");
  const counts = [
    failed > 0 ? `${failed} failed` : "",
    `${passed} passed`,
    skipped > 0 ? `${skipped} skipped` : "",
  ]
    .filter(Boolean)
    .join(" | ");
  const fileCounts =
    failing.length > 0 ? `${failing.length} failed | ${files - failing.length} passed` : `${files} passed`;
  lines.push(
    "",
    ` Test Files  ${fileCounts} (${files})`,
    `      Tests  ${counts} (${total})`,
    "   Duration  2.41s",
  );
  return lines.join("\n");
}

export function jest(
  passed: number,
  failed = 0,
  options: { skipped?: number; failing?: string[] } = {},
): string {
  const skipped = options.skipped ?? 0;
  const lines = (options.failing ?? []).map((f) => `FAIL ${f}\n  ● login › redirects after sign-in`);
  const parts = [
    failed > 0 ? `${failed} failed` : "",
    skipped > 0 ? `${skipped} skipped` : "",
    `${passed} passed`,
  ]
    .filter(Boolean)
    .join(", ");
  lines.push(
    `Test Suites: ${(options.failing ?? []).length > 0 ? `${(options.failing ?? []).length} failed, ` : ""}5 passed, 5 total`,
    `Tests:       ${parts}, ${passed + failed + skipped} total`,
    "Snapshots:   0 total",
    "Time:        3.102 s",
  );
  return lines.join("\n");
}

export function pytest(
  passed: number,
  failed = 0,
  options: { skipped?: number; failing?: string[] } = {},
): string {
  const skipped = options.skipped ?? 0;
  const lines = [
    "============================= test session starts ==============================",
    `collected ${passed + failed + skipped} items`,
    "",
  ];
  for (const f of options.failing ?? []) lines.push(`FAILED ${f} - AssertionError: assert 3 == 4`);
  const parts = [
    failed > 0 ? `${failed} failed` : "",
    `${passed} passed`,
    skipped > 0 ? `${skipped} skipped` : "",
  ]
    .filter(Boolean)
    .join(", ");
  lines.push(`========================= ${parts} in 1.84s =========================`);
  return lines.join("\n");
}

export const TSC_ERRORS = [
  "src/report/render.ts(42,7): error TS2322: Type 'string | undefined' is not assignable to type 'string'.",
  "src/report/render.ts(57,19): error TS2345: Argument of type 'number' is not assignable to parameter of type 'string'.",
  "",
  "Found 2 errors in the same file, starting at: src/report/render.ts:42",
].join("\n");
