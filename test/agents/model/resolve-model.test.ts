import { afterEach, describe, expect, it, vi } from "vitest";
import { modelIdOf, resolveModel } from "../../../src/agents/model/resolve-model.js";
import { ScriptedChatModel } from "./fakes.js";

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("resolveModel", () => {
  it("names models as provider:model", () => {
    expect(modelIdOf("anthropic:claude-sonnet-4-5")).toBe("anthropic:claude-sonnet-4-5");
    expect(modelIdOf("claude-haiku-4-5")).toBe("anthropic:claude-haiku-4-5");
    expect(modelIdOf("gpt-4o")).toBe("openai:gpt-4o");
    expect(modelIdOf(new ScriptedChatModel([], "m-1"))).toBe("scripted:m-1");
  });

  it("rejects a string with no provider and something that is not a model", () => {
    expect(() => resolveModel("mystery", "llmWorker w")).toThrow(/names no provider/);
    expect(() => resolveModel(42 as never, "llmWorker w")).toThrow(
      /llmWorker w.model must be a LangChain chat model/,
    );
  });

  it("refuses a live Anthropic call without ANTHROPIC_API_KEY, naming the fix", async () => {
    vi.stubEnv("ANTHROPIC_API_KEY", undefined);
    const resolved = resolveModel("anthropic:claude-sonnet-4-5", "llmWorker w");
    expect(resolved.anthropic).toBe(true);
    await expect(resolved.model()).rejects.toThrow(
      /ANTHROPIC_API_KEY is not set: set it, or run the workflow through a scenario suite/,
    );
  });

  it("creates the Anthropic model when a key is set", async () => {
    vi.stubEnv("ANTHROPIC_API_KEY", "sk-test");
    const model = await resolveModel("anthropic:claude-sonnet-4-5", "llmWorker w").model();
    expect(model._llmType()).toBe("anthropic");
  });
});
