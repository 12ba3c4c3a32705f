import crypto from "node:crypto";
import canonicalize from "canonicalize";
import { describe, expect, it } from "vitest";
import { query } from "../../helpers/db.js";
import { setupProvenance } from "./setup.js";

const TASK = { input: { text: "x" } };

function sha256(text: string): string {
  return crypto.createHash("sha256").update(text).digest("hex");
}

function eventCount(db: string): number {
  return query<{ n: number }>(db, "select count(*) as n from events")[0]?.n ?? 0;
}

async function refusal(run: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await run;
  } catch (error) {
    return { code: (error as { code: string }).code, message: (error as Error).message };
  }
  throw new Error("expected the run to be refused");
}

describe('provenance: "strict"', () => {
  it("runs when every agent matches its signed manifest, and each verdict carries its manifest digest", async () => {
    const { db, workflow, sign } = setupProvenance();
    const signed = sign();
    const wf = workflow();
    const result = await wf.run(TASK, { db });
    wf.close();
    expect(result.outcome).toBe("accepted");
    const checker = signed.agents.find((a) => a.manifest.id === "checker");
    const expected = sha256(canonicalize(checker?.manifest) as string);
    const verdicts = query<{ body: string }>(db, "select body from events where kind = 'auditor.verdict'");
    expect(verdicts.length).toBe(1);
    expect(verdicts.map((v) => JSON.parse(v.body).actor.manifest)).toEqual([expected]);
  });

  it("refuses an unsigned agent, naming it, and writes nothing to the log", async () => {
    const { db, workflow, sign, editFile } = setupProvenance();
    sign();
    editFile((json) => {
      json.agents = json.agents.filter((a) => a.manifest["id"] !== "checker");
    });
    const wf = workflow();
    const error = await refusal(wf.run(TASK, { db }));
    wf.close();
    expect(error.code).toBe("PROVENANCE_REJECTED");
    expect(error.message).toContain('auditor "checker" is unsigned');
    expect(eventCount(db)).toBe(0);
  });

  it("refuses every agent when there is no manifests file, saying how to sign them", async () => {
    const { db, workflow } = setupProvenance();
    const wf = workflow();
    const error = await refusal(wf.run(TASK, { db }));
    wf.close();
    expect(error.message).toMatch(
      /no signed agent manifests at .*wf\.manifests\.json.*crosscheck agents sign/,
    );
  });

  it("refuses an agent whose code changed since signing, saying it was the code", async () => {
    const { db, workflow, sign } = setupProvenance();
    sign();
    const wf = workflow({ threshold: 2 });
    const error = await refusal(wf.run(TASK, { db }));
    wf.close();
    expect(error.message).toContain(
      'auditor "checker" changed since it was signed: code digest of its functions',
    );
    expect(error.message).not.toContain('worker "echo"');
  });

  it("refuses an agent whose rubric or tools changed, naming each change", async () => {
    const { db, workflow, sign } = setupProvenance();
    sign({ tools: ["search"] });
    const wf = workflow({ rubric: "Check it twice.", tools: ["search", "shell"] });
    const error = await refusal(wf.run(TASK, { db }));
    wf.close();
    expect(error.message).toContain(
      `prompt/rubric digest (signed ${sha256("Check it.").slice(0, 12)}…, now ${sha256("Check it twice.").slice(0, 12)}…)`,
    );
    expect(error.message).toContain('tools (signed ["search"], now ["search","shell"])');
  });

  it("refuses manifests signed by a key that is not trusted, naming the key id", async () => {
    const { db, workflow, sign, otherKey } = setupProvenance();
    sign({}, otherKey());
    const wf = workflow();
    const error = await refusal(wf.run(TASK, { db }));
    wf.close();
    expect(error.message).toMatch(
      /worker "echo": its manifest is signed by key id [0-9a-f]{8}, which is not a trusted key/,
    );
  });

  it("refuses a manifest edited after signing, and a forged signature", async () => {
    const { db, workflow, sign, editFile } = setupProvenance();
    sign();
    editFile((json) => {
      (json.agents[1] as { manifest: Record<string, unknown> }).manifest["tools"] = ["shell"];
    });
    const wf = workflow();
    const edited = await refusal(wf.run(TASK, { db }));
    expect(edited.message).toContain('auditor "checker": its manifest was edited after signing');
    sign();
    editFile((json) => {
      const entry = json.agents[0] as unknown as { signature: string };
      const bytes = Buffer.from(entry.signature, "base64");
      bytes[10] = (bytes[10] as number) ^ 1;
      entry.signature = bytes.toString("base64");
    });
    const forged = await refusal(wf.run(TASK, { db }));
    wf.close();
    expect(forged.message).toContain(
      'worker "echo": the signature of its manifest does not verify with the trusted key example.com/agents',
    );
  });

  it("checks again before resuming an escalated case", async () => {
    const { db, workflow, sign, editFile } = setupProvenance();
    sign({ abstain: true });
    const wf = workflow({ abstain: true });
    const paused = await wf.run(TASK, { db });
    expect(paused.outcome).toBe("escalated");
    editFile((json) => {
      json.agents = json.agents.filter((a) => a.manifest["id"] !== "echo");
    });
    const error = await refusal(
      wf.decide(paused.caseId, { decision: "accept", reviewer: "qa", reason: "fine" }, { db }),
    );
    wf.close();
    expect(error.message).toContain('worker "echo" is unsigned');
    const kinds = query<{ kind: string }>(db, "select kind from events where case_id = ?", paused.caseId);
    expect(kinds.map((k) => k.kind)).not.toContain("human.decision");
  });

  it("checks nothing when provenance is off, but still logs manifest digests", async () => {
    const { db, workflow } = setupProvenance();
    const wf = workflow({}, "off");
    const result = await wf.run(TASK, { db });
    wf.close();
    expect(result.outcome).toBe("accepted");
    const actors = query<{ body: string }>(db, "select body from events where kind = 'worker.output'").map(
      (r) => JSON.parse(r.body).actor,
    );
    expect(actors[0].manifest).toMatch(/^[0-9a-f]{64}$/);
  });
});
