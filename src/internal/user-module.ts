import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { CrosscheckError, type CrosscheckErrorCode, isCrosscheckError } from "../errors.js";

/**
 * Imports a user's TypeScript or JavaScript module (the `crosscheck` bin registers tsx's loader).
 * A missing file or a module that fails to load is a one-line error with `code`.
 */
export async function importUserModule(
  file: string,
  code: CrosscheckErrorCode,
  what: string,
): Promise<Record<string, unknown>> {
  const resolved = path.resolve(file);
  if (!fs.existsSync(resolved) || !fs.statSync(resolved).isFile()) {
    throw new CrosscheckError(code, `${what} ${file} does not exist: check the path`);
  }
  try {
    return (await import(pathToFileURL(resolved).href)) as Record<string, unknown>;
  } catch (error) {
    if (isCrosscheckError(error)) throw error;
    const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new CrosscheckError(code, `${what} ${file} failed to load: ${message}`, { cause: error });
  }
}
