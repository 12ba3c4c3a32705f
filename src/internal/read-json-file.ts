import fs from "node:fs";
import { CrosscheckError, type CrosscheckErrorCode } from "../errors.js";

/** What to say when a JSON file cannot be read, or is not JSON (the parser's message is given). */
export interface JsonFileErrors {
  code: CrosscheckErrorCode;
  unreadable: string;
  notJson: (parserMessage: string) => string;
}

/** Reads and parses a JSON file; either failure is a CrosscheckError with the caller's message. */
export function readJsonFile(file: string, errors: JsonFileErrors): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new CrosscheckError(errors.code, errors.unreadable, { cause: error });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CrosscheckError(errors.code, errors.notJson((error as Error).message), { cause: error });
  }
}
