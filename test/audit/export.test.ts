import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { csvField, exportEvents } from "../../src/audit/export.js";
import { caseEvents, type LogSetup, runStarted, setupLog, workerOutput } from "./setup.js";

/** A minimal RFC 4180 reader, to check the writer's quoting independently. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += ch;
  }
  return rows;
}

describe("exportEvents", () => {
  let s: LogSetup;
  const run = (format: "jsonl" | "csv", filters = {}) => {
    const chunks: string[] = [];
    const count = exportEvents(s.database, format, filters, (chunk) => chunks.push(chunk));
    return { count, chunks, text: chunks.join("") };
  };

  beforeEach(() => {
    s = setupLog();
    s.log.append([
      runStarted("r1"),
      ...caseEvents("r1", "ok", "accepted"),
      ...caseEvents("r1", "bad", "rejected"),
      ...caseEvents("r1", "unsure", "escalated"),
    ]);
    s.clock.now = Date.UTC(2025, 1, 15);
    s.log.append([runStarted("r2"), ...caseEvents("r2", "later", "accepted")]);
  });
  afterEach(() => s.close());

  it("writes one JSON line per event with the stored hashes and the hashed body", () => {
    const { count, chunks } = run("jsonl");
    expect(count).toBe(23);
    expect(chunks).toHaveLength(23);
    const first = JSON.parse(chunks[0] as string);
    const stored = s.database.sqlite.prepare("SELECT * FROM events WHERE seq = 1").get() as Record<
      string,
      unknown
    >;
    expect(first).toMatchObject({
      seq: 1,
      id: stored["id"],
      kind: "run.started",
      runId: "r1",
      caseId: null,
      node: null,
      prevHash: "0".repeat(64),
      hash: stored["hash"],
    });
    expect(first.body).toEqual(JSON.parse(stored["body"] as string));
    expect((chunks[0] as string).endsWith(`,"body":${stored["body"]}}\n`)).toBe(true);
  });

  it("filters by run, by time and by the decision of the case", () => {
    expect(run("jsonl", { runId: "r2" }).count).toBe(6);
    expect(run("jsonl", { since: Date.UTC(2025, 1, 1) }).count).toBe(6);
    const rejected = run("jsonl", { decision: "rejected" });
    expect(rejected.count).toBe(5);
    expect(rejected.chunks.every((line) => JSON.parse(line).caseId === "bad")).toBe(true);
    expect(run("jsonl", { decision: "escalated", runId: "r2" }).count).toBe(0);
  });

  it("writes RFC 4180 CSV with a header, ISO times and quoted commas, quotes and newlines", () => {
    s.log.append([
      runStarted("r3"),
      { ...workerOutput("r3", "tricky", 'a "quoted", multi\nline\r\nvalue'), key: "tricky" },
    ]);
    const { text, count } = run("csv", { runId: "r3" });
    expect(count).toBe(2);
    const rows = parseCsv(text);
    expect(rows[0]).toEqual([
      "seq",
      "id",
      "ts",
      "kind",
      "run_id",
      "case_id",
      "node",
      "actor_type",
      "actor_id",
      "hash",
      "prev_hash",
      "payload",
    ]);
    expect(rows).toHaveLength(3);
    const output = rows[2] as string[];
    expect(output.slice(2, 9)).toEqual([
      "2025-02-15T00:00:00.007Z",
      "worker.output",
      "r3",
      "tricky",
      "work",
      "agent",
      "coder",
    ]);
    expect(JSON.parse(output[11] as string).output.content).toBe('a "quoted", multi\nline\r\nvalue');
  });

  it("quotes only the fields that need it", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
  });
});
