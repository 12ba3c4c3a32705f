// rag-answer with grounding's model-backed mode: a model judges each claim, the rules check it.
// Its model calls replay from recordings/ (made against a local fake Anthropic server: record.ts).
import { ragAnswerWorkflow } from "../workflow.js";

export default ragAnswerWorkflow({ model: "anthropic:claude-opus-4-5", quotas: { maxTokens: 20_000 } });
