import { readdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { describe, expect, it } from "vitest";
import { canonicalRequest } from "../../../src/agents/model/canonical-request.js";
import { Cassette } from "../../../src/agents/model/cassette.js";
import { isCrosscheckError } from "../../../src/errors.js";
import { aiMessage, ScriptedChatModel, textAnswer, toolCallAnswer } from "./fakes.js";
import { auditPrompt, setupCassetteFile } from "./setup.js";

const model = new ScriptedChatModel([]);
const first = canonicalRequest(model, auditPrompt(), {});
const second = canonicalRequest(model, auditPrompt(undefined, "Is the vendor ACME?"), {});

function fixedClock(iso = "2025-01-02T03:04:05.000Z") {
  let now = new Date(iso);
  return {
    now: () => now,
    advance: () => {
      now = new Date(now.getTime() + 60_000);
    },
  };
}

describe("Cassette", () => {
  it("writes the same content to a byte-identical file, pretty-printed with sorted keys", async () => {
    const { file } = await setupCassetteFile();
    const clock = fixedClock();
    const a = Cassette.empty(file, clock);
    a.record(first, textAnswer("yes"));
    a.record(second, toolCallAnswer("lookup_vendor", { name: "ACME" }));
    await a.save();
    const written = await readFile(file, "utf8");

    const b = Cassette.empty(`${file}.b`, clock);
    b.record(second, toolCallAnswer("lookup_vendor", { name: "ACME" }));
    b.record(first, textAnswer("yes"));
    await b.save();

    expect(await readFile(`${file}.b`, "utf8")).toBe(written);
    expect(written.endsWith("}\n")).toBe(true);
    expect(written).toContain('\n  "entries": [\n    {\n      "key": "');
    const entry = JSON.parse(written).entries[0];
    expect(Object.keys(entry)).toEqual(["key", "recordedAt", "request", "response"]);
    expect(Object.keys(entry.response)).toEqual([...Object.keys(entry.response)].sort());
  });

  it("keeps recordedAt when an identical exchange is recorded again, and replaces a changed answer", async () => {
    const { file } = await setupCassetteFile();
    const clock = fixedClock();
    const cassette = Cassette.empty(file, clock);
    const recorded = cassette.record(first, textAnswer("yes"));
    clock.advance();
    expect(cassette.record(first, textAnswer("yes")).recordedAt).toBe(recorded.recordedAt);
    const replaced = cassette.record(first, textAnswer("no"));
    expect(replaced.recordedAt).not.toBe(recorded.recordedAt);
    expect(cassette.size).toBe(1);
    expect(cassette.lookup(first)?.response.content).toBe("no");
  });

  it("reloads what it saved, and leaves no temp file behind", async () => {
    const { file } = await setupCassetteFile();
    const cassette = Cassette.empty(file);
    cassette.record(first, toolCallAnswer("lookup_vendor", { name: "ACME" }));
    await cassette.save();
    expect(await readdir(dirname(file))).toEqual(["honest-receipt.json"]);

    const loaded = await Cassette.load(file);
    expect(loaded.existed).toBe(true);
    expect(loaded.lookup(first)?.response.tool_calls).toEqual([
      { id: "call_1", name: "lookup_vendor", args: { name: "ACME" } },
    ]);
    expect(loaded.lookup(second)).toBeUndefined();
  });

  it("loads a missing file as an empty cassette", async () => {
    const { file } = await setupCassetteFile();
    const cassette = await Cassette.load(file);
    expect(cassette.existed).toBe(false);
    expect(cassette.size).toBe(0);
  });

  it("rejects a file that is not JSON, or whose key does not match its request, naming the file", async () => {
    const { file } = await setupCassetteFile();
    const cassette = Cassette.empty(file);
    cassette.record(first, textAnswer("yes"));
    await cassette.save();
    const text = await readFile(file, "utf8");

    await writeFile(file, text.replace("Is the total 42.50?", "Is the total 99?"));
    const edited = await Cassette.load(file).catch((error: unknown) => error);
    expect(isCrosscheckError(edited) && edited.code).toBe("SUITE_INVALID");
    expect((edited as Error).message).toContain(file);
    expect((edited as Error).message).toContain("entries.0.key is not the sha256 of its request");

    await writeFile(file, "{ not json");
    await expect(Cassette.load(file)).rejects.toThrow(/is unreadable: it is not JSON/);
  });

  it("lists and prunes entries not used since load", async () => {
    const { file } = await setupCassetteFile();
    const cassette = Cassette.empty(file);
    cassette.record(first, textAnswer("yes"));
    cassette.record(second, textAnswer("no"));
    await cassette.save();

    const loaded = await Cassette.load(file);
    loaded.lookup(first);
    expect(loaded.unused().map((entry) => entry.request)).toEqual([second]);
    expect(loaded.prune()).toBe(1);
    expect(loaded.size).toBe(1);
  });

  it("ends concurrent saves with the latest state on disk", async () => {
    const { file } = await setupCassetteFile();
    const cassette = Cassette.empty(file);
    const saves: Promise<void>[] = [];
    for (let i = 0; i < 10; i++) {
      cassette.record(
        canonicalRequest(model, auditPrompt(undefined, `question ${i}`), {}),
        textAnswer(`${i}`),
      );
      saves.push(cassette.save());
    }
    await Promise.all(saves);
    expect((await Cassette.load(file)).size).toBe(10);
  });

  it("stores an AIMessage's content blocks, tool calls, usage and metadata", async () => {
    const { file } = await setupCassetteFile();
    const cassette = Cassette.empty(file);
    const answer = aiMessage({
      content: [{ type: "text", text: "Checking." }],
      tool_calls: [{ id: "toolu_1", name: "lookup", args: { id: 7 }, type: "tool_call" }],
      usage_metadata: {
        input_tokens: 10,
        output_tokens: 5,
        total_tokens: 15,
        input_token_details: { cache_read: 8 },
      },
      response_metadata: { stop_reason: "tool_use" },
    });
    const entry = cassette.record(first, answer);
    expect(entry.response).toMatchObject({
      content: [{ type: "text", text: "Checking." }],
      tool_calls: [{ id: "toolu_1", name: "lookup", args: { id: 7 } }],
      usage_metadata: {
        input_tokens: 10,
        output_tokens: 5,
        total_tokens: 15,
        input_token_details: { cache_read: 8 },
      },
      response_metadata: { stop_reason: "tool_use" },
    });
  });
});
