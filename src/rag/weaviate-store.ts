import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { CrosscheckError } from "../errors.js";
import type { GroundTruthStore } from "./store.js";

export async function connectWeaviateStore(_options: {
  env: NodeJS.ProcessEnv;
  embeddings?: EmbeddingsInterface;
}): Promise<GroundTruthStore> {
  throw new CrosscheckError("STORE_UNAVAILABLE", "the Weaviate adapter is not built yet");
}
