/**
 * Every error a user can cause is a CrosscheckError with a code from this union. The message
 * says what was wrong and what to do; `cause` keeps the original error.
 */
export const ERROR_CODES = [
  "WORKFLOW_INVALID",
  "TASK_INVALID",
  "SUITE_INVALID",
  "USAGE",
  "INPUT_INVALID",
  "AGENT_OUTPUT_INVALID",
  "MODEL_UNAVAILABLE",
  "CASE_NOT_FOUND",
  "CASE_NOT_ESCALATED",
  "ALREADY_DECIDED",
  "LOG_TAMPERED",
  "DATABASE",
  "RECORDING_MISSING",
  "RECORDING_STALE",
  "COLLECTION_NOT_FOUND",
  "STORE_UNAVAILABLE",
  "QUOTA_EXCEEDED",
  "PROVENANCE_REJECTED",
  "CASE_CLAIMED",
  "CLAIM_REQUIRED",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "MCP_CONFIG_INVALID",
  "MCP_INSECURE_TRANSPORT",
  "MCP_TLS_FAILED",
  "MCP_UNREACHABLE",
  "MCP_PROTOCOL",
  "MCP_TOOL_BLOCKED",
  "MCP_APPROVAL_REFUSED",
  "SANDBOX_UNAVAILABLE",
  "SUITE_UNAVAILABLE",
] as const;

export type CrosscheckErrorCode = (typeof ERROR_CODES)[number];

export class CrosscheckError extends Error {
  override readonly name = "CrosscheckError";
  readonly code: CrosscheckErrorCode;

  constructor(code: CrosscheckErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

export function isCrosscheckError(value: unknown): value is CrosscheckError {
  return value instanceof CrosscheckError;
}

/** Errors with these codes come from bad input (exit code 2 in the CLI). */
export const INPUT_ERROR_CODES: ReadonlySet<CrosscheckErrorCode> = new Set([
  "WORKFLOW_INVALID",
  "TASK_INVALID",
  "SUITE_INVALID",
  "USAGE",
  "INPUT_INVALID",
  "CASE_NOT_FOUND",
  "CASE_NOT_ESCALATED",
  "ALREADY_DECIDED",
  "MODEL_UNAVAILABLE",
  "RECORDING_MISSING",
  "RECORDING_STALE",
  "COLLECTION_NOT_FOUND",
  "PROVENANCE_REJECTED",
  "CASE_CLAIMED",
  "CLAIM_REQUIRED",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "MCP_CONFIG_INVALID",
  "MCP_INSECURE_TRANSPORT",
  "MCP_TLS_FAILED",
  "MCP_TOOL_BLOCKED",
  "MCP_APPROVAL_REFUSED",
  "SANDBOX_UNAVAILABLE",
  "SUITE_UNAVAILABLE",
]);
