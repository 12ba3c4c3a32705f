import type { z } from "zod";
import { CrosscheckError, type CrosscheckErrorCode } from "../errors.js";

/** One line per problem: `field.path: message`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join(".") : "(root)"}: ${issue.message}`)
    .join("; ");
}

/**
 * Parses `value` with `schema`, or throws a CrosscheckError whose message names `what`, every
 * offending field, and the fix.
 */
export function parseWith<S extends z.ZodType>(
  schema: S,
  value: unknown,
  code: CrosscheckErrorCode,
  what: string,
): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new CrosscheckError(code, `${what} is invalid: ${describeIssues(result.error)}`, {
    cause: result.error,
  });
}
