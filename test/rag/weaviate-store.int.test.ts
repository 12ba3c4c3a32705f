import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isCrosscheckError } from "../../src/errors.js";
import { openStore } from "../../src/rag/open-store.js";
import { weaviateClassName } from "../../src/rag/weaviate-store.js";
import { storeContract } from "./store-contract.js";

const url = process.env["WEAVIATE_URL"];

if (url === undefined || url === "") {
  describe("weaviate store contract", () => {
    it.skip("skipped: set WEAVIATE_URL (e.g. http://localhost:8080, see docker-compose.weaviate.yml) to run it against a Weaviate server", () => {});
  });
} else {
  storeContract("weaviate", async () => ({
    store: await openStore({ spec: "weaviate" }),
    collection: `t${randomBytes(6).toString("hex")}`,
  }));
}

describe("connecting to Weaviate", () => {
  const codeOf = (error: unknown) => (isCrosscheckError(error) ? error.code : String(error));

  it("asks for WEAVIATE_URL when it is not set", async () => {
    const error = await openStore({ spec: "weaviate", env: {} }).catch((e: unknown) => e);
    expect(codeOf(error)).toBe("USAGE");
    expect((error as Error).message).toContain("needs WEAVIATE_URL");
  });

  it("rejects a WEAVIATE_URL that is not a URL", async () => {
    const error = await openStore({ spec: "weaviate", env: { WEAVIATE_URL: "localhost 8080" } }).catch(
      (e: unknown) => e,
    );
    expect((error as Error).message).toContain('WEAVIATE_URL "localhost 8080" is not a URL');
  });

  it("says STORE_UNAVAILABLE when nothing answers at WEAVIATE_URL", async () => {
    const env = { WEAVIATE_URL: "http://127.0.0.1:9", WEAVIATE_GRPC_PORT: "9" };
    const error = await openStore({ spec: "weaviate", env }).catch((e: unknown) => e);
    expect(codeOf(error)).toBe("STORE_UNAVAILABLE");
    expect((error as Error).message).toContain("check that it runs");
  });

  it("maps collection names to Weaviate class names", () => {
    expect(weaviateClassName("vendor-registry")).toBe("Crosscheck_vendor__registry");
  });
});
