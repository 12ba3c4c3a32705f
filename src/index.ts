// The public API of Crosscheck: explicit named exports only.

export type { AuditContext, AuditFn, AuditInput, Auditor, ReconsiderFn } from "./agents/auditor.js";
export { defineAuditor } from "./agents/auditor.js";
export type { ConfirmOptions } from "./agents/code-review/confirm.js";
export { confirmedReviewer } from "./agents/code-review/confirm.js";
export type { CodeSecurityOptions } from "./agents/code-security/auditor.js";
export { codeSecurity } from "./agents/code-security/auditor.js";
export type { DependencyProvenanceOptions } from "./agents/dependency-provenance/auditor.js";
export { dependencyProvenance } from "./agents/dependency-provenance/auditor.js";
export type { GroundingOptions } from "./agents/grounding/auditor.js";
export { grounding } from "./agents/grounding/auditor.js";
export { mergeEvidence, textEvidence } from "./agents/grounding/evidence.js";
export type { RestrictedSourcesOptions } from "./agents/leakage/copied.js";
export type { LeakageOptions } from "./agents/leakage/leakage.js";
export { leakage } from "./agents/leakage/leakage.js";
export { agents } from "./agents/llm/agents.js";
export type { LlmAuditorOptions } from "./agents/llm/auditor.js";
export { DEFAULT_AUDITOR_MODEL, llmAuditor } from "./agents/llm/auditor.js";
export type { LlmWorkerOptions } from "./agents/llm/worker.js";
export { DEFAULT_WORKER_MODEL, llmWorker } from "./agents/llm/worker.js";
export type { BatchRunOptions } from "./agents/model/batch-context.js";
export type { ModelPrice } from "./agents/model/pricing.js";
export { DEFAULT_PRICES } from "./agents/model/pricing.js";
export type { ModelSpec } from "./agents/model/resolve-model.js";
export type { AgentQuotas } from "./agents/quotas.js";
export { QuotaExceededError, SharedBudget } from "./agents/quotas.js";
export { parseAmount } from "./agents/receipts/amounts.js";
export type { ReceiptAuditOptions } from "./agents/receipts/auditor.js";
export { DEFAULT_MAX_AGE_YEARS, receiptAudit } from "./agents/receipts/auditor.js";
export { RECEIPT_RULES } from "./agents/receipts/findings.js";
export type { Receipt, ReceiptInput } from "./agents/receipts/schema.js";
export { ReceiptInputSchema, ReceiptSchema, receiptCase } from "./agents/receipts/schema.js";
export type { StatusClaim, StatusClaimKind } from "./agents/status/claims.js";
export { extractClaims, STATUS_CLAIM_KINDS } from "./agents/status/claims.js";
export { statusMonitor } from "./agents/status/monitor.js";
export type { AgentTaskInput, StatusMonitorOptions } from "./agents/status/options.js";
export { AgentTaskInputSchema } from "./agents/status/options.js";
export type { StructuredStatus } from "./agents/status/structured-report.js";
export { StructuredStatusSchema } from "./agents/status/structured-report.js";
export type { Worker, WorkerContext, WorkerFn } from "./agents/worker.js";
export { defineWorker } from "./agents/worker.js";
export type { AcceptedOutput, AuditHistory } from "./audit/accepted-outputs.js";
export type { CrosscheckDatabase } from "./audit/database.js";
export { openDatabase } from "./audit/database.js";
export type { Actor, EventKind, NewEvent } from "./audit/events.js";
export { AuditLog } from "./audit/log.js";
export type { Decision, HumanDecision, Outcome } from "./domain/decision.js";
export { DecisionSchema, HumanDecisionSchema, OutcomeSchema } from "./domain/decision.js";
export type { Evidence } from "./domain/evidence.js";
export { EvidenceSchema } from "./domain/evidence.js";
export type { Finding, FindingInput, Location, Severity } from "./domain/finding.js";
export { FindingSchema, SEVERITIES, SeveritySchema } from "./domain/finding.js";
export type { Artifact, Claim, Output, StatusReport } from "./domain/output.js";
export { OutputSchema } from "./domain/output.js";
export type { Task } from "./domain/task.js";
export { TaskSchema } from "./domain/task.js";
export type { TraceEvent } from "./domain/trace.js";
export { TraceEventSchema } from "./domain/trace.js";
export type { Verdict, VerdictInput } from "./domain/verdict.js";
export { VerdictInputSchema, VerdictSchema } from "./domain/verdict.js";
export type { CrosscheckErrorCode } from "./errors.js";
export { CrosscheckError, isCrosscheckError } from "./errors.js";
export type { CaseResult } from "./graph/case-result.js";
export type { ConsensusPolicy } from "./graph/consensus.js";
export {
  anyCriticalBlocks,
  decideWith,
  firstOf,
  latestVerdicts,
  majority,
  minConfidence,
  unanimous,
  weighted,
} from "./graph/consensus.js";
export type { DecideInput, RunOptions, Workflow } from "./graph/define-workflow.js";
export { DEFAULT_DB_PATH, defineWorkflow, isWorkflow } from "./graph/define-workflow.js";
export type {
  CrossExaminationOptions,
  EscalationOptions,
  QuotaOptions,
  Retrieval,
  Retriever,
  WorkflowOptions,
} from "./graph/options.js";
export type { InjectionGuardOptions } from "./guard/auditor.js";
export { injectionGuard } from "./guard/auditor.js";
export type {
  ClassifiedGuardResult,
  ClassifiedScanOptions,
  ClassifierResult,
  GuardClassifier,
} from "./guard/classifier.js";
export { scanWithClassifier } from "./guard/classifier.js";
export type { GuardEvidenceOptions, GuardedEvidenceRecord } from "./guard/evidence.js";
export { guardEvidence } from "./guard/evidence.js";
export type { ModelClassifier, ModelClassifierOptions } from "./guard/model-classifier.js";
export { DEFAULT_CLASSIFIER_MODEL, modelClassifier } from "./guard/model-classifier.js";
export type { GuardResult, GuardSignal, ScanContext, ScanOptions } from "./guard/scan.js";
export { DEFAULT_THRESHOLD as DEFAULT_GUARD_THRESHOLD, scanText } from "./guard/scan.js";
export type { ApprovalReport, ApproveOptions } from "./mcp/approve.js";
export { approveTools } from "./mcp/approve.js";
export type { McpAuditorOptions } from "./mcp/auditor.js";
export { mcpAuditor } from "./mcp/auditor.js";
export type { McpGatewayConfig, McpServerConfig } from "./mcp/config.js";
export {
  DEFAULT_CALL_TIMEOUT_MS as DEFAULT_MCP_CALL_TIMEOUT_MS,
  DEFAULT_MAX_RESULT_BYTES as DEFAULT_MCP_MAX_RESULT_BYTES,
  loadGatewayConfig,
  resolveGatewayConfig,
} from "./mcp/config.js";
export type { GatewayCallResult, McpGatewayOptions } from "./mcp/gateway.js";
export { McpGateway } from "./mcp/gateway.js";
export type { McpToolkit } from "./mcp/langchain-tools.js";
export { McpGatewayTool, mcpGateway } from "./mcp/langchain-tools.js";
export type { PinLock, ToolPin } from "./mcp/pins.js";
export type { ToolState, ToolStateKind } from "./mcp/tool-state.js";
export type { EmbeddedStoreOptions } from "./rag/embedded-store.js";
export { EmbeddedStore } from "./rag/embedded-store.js";
export type { GroundTruthOptions } from "./rag/ground-truth.js";
export { groundTruth } from "./rag/ground-truth.js";
export { HashingEmbeddings } from "./rag/hashing-embeddings.js";
export type { IngestOptions, IngestSummary, SkippedFile } from "./rag/ingest.js";
export { ingestPaths } from "./rag/ingest.js";
export type { OpenStoreOptions } from "./rag/open-store.js";
export { openStore } from "./rag/open-store.js";
export type { QuarantinedChunk, QuarantineSink } from "./rag/quarantine.js";
export { SqliteQuarantine } from "./rag/quarantine.js";
export type {
  ChunkHit,
  ChunkInput,
  CollectionInfo,
  GroundTruthStore,
  IngestOutcome,
  Principal,
  SearchFilter,
  SearchMode,
  SearchRequest,
  SearchResult,
  SourceInput,
} from "./rag/store.js";
export type { CaseView } from "./review/case-view.js";
export { caseView } from "./review/case-view.js";
export type { ClaimOptions } from "./review/claims.js";
export { claimCase, DEFAULT_CLAIM_MINUTES, releaseCase } from "./review/claims.js";
export type { DecideOptions, ReviewDecision } from "./review/decide.js";
export { decideCase } from "./review/decide.js";
export type { AuditorRecord } from "./review/ledger.js";
export { auditorLedger, cohenKappa } from "./review/ledger.js";
export type { LedgerWeightsOptions } from "./review/ledger-weights.js";
export { ledgerWeights } from "./review/ledger-weights.js";
export type { QueueFilter, QueueItem, QueueState } from "./review/queue.js";
export { getQueueItem, listQueue } from "./review/queue.js";
export type { Reviewer, ReviewerRecord, ReviewerRole } from "./review/reviewers.js";
export { ReviewerRegistry } from "./review/reviewers.js";
export type { SlaSweep } from "./review/sla.js";
export { SLA_REVIEWER, sweepSla } from "./review/sla.js";
export { caseViewDigest } from "./review/view-digest.js";
export type { ReviewServer, ReviewServerOptions } from "./review/web/server.js";
export { startReviewServer } from "./review/web/server.js";
export { WorkflowCache } from "./review/workflow-module.js";
export type { ReviewWorkflowOptions } from "./review-diff/workflow.js";
export { reviewTask, reviewWorkflow } from "./review-diff/workflow.js";
export { sandboxAuditor } from "./sandbox/auditor.js";
export { BWRAP_INSTALL, bwrapStatus } from "./sandbox/bwrap.js";
export type { SandboxResult } from "./sandbox/exec.js";
export { exec as sandboxExec, sandbox } from "./sandbox/exec.js";
export type { LimitKind } from "./sandbox/limits.js";
export type { SandboxOptions } from "./sandbox/options.js";
export type { PoolStats } from "./sandbox/pool.js";
export { DEFAULT_SANDBOX_CONCURRENCY, defaultSandboxPool, SandboxPool } from "./sandbox/pool.js";
export type { ReproduceOptions } from "./sandbox/reproduce/auditor.js";
export { reproduce } from "./sandbox/reproduce/auditor.js";
export type { VerifyCommands, VerifyKind } from "./sandbox/reproduce/plan.js";
export type { SandboxToolsOptions } from "./sandbox/tools.js";
export { sandboxTools } from "./sandbox/tools.js";
export { SandboxBlockedError } from "./sandbox/workspace-paths.js";
export type { ScenarioCase, Suite } from "./scenarios/suite.js";
export { defineSuite } from "./scenarios/suite.js";
export type { AgentProvenance } from "./security/provenance/describe.js";
export { withProvenance } from "./security/provenance/describe.js";
export type { AgentManifest } from "./security/provenance/manifest.js";
export { manifestDigest } from "./security/provenance/manifest.js";
export type { ProvenanceOptions } from "./security/provenance/options.js";
