import { AjvJsonSchemaValidator } from "@modelcontextprotocol/sdk/validation/ajv";
import type { JsonSchemaType, JsonSchemaValidator } from "@modelcontextprotocol/sdk/validation/types.js";

/**
 * Validates tool arguments against pinned JSON schemas with Ajv (through the MCP SDK's provider,
 * so no second copy of Ajv), one compiled validator per pin hash.
 */
export class ArgumentValidator {
  readonly #ajv = new AjvJsonSchemaValidator();
  readonly #compiled = new Map<string, JsonSchemaValidator<unknown>>();

  /** Undefined when `args` satisfies the schema, else the validator's message. */
  check(pinSha256: string, schema: Record<string, unknown>, args: unknown): string | undefined {
    let validate = this.#compiled.get(pinSha256);
    if (validate === undefined) {
      try {
        validate = this.#ajv.getValidator<unknown>(schema as JsonSchemaType);
      } catch (error) {
        return `the pinned input schema does not compile (${(error as Error).message})`;
      }
      this.#compiled.set(pinSha256, validate);
    }
    const result = validate(args);
    return result.valid ? undefined : result.errorMessage;
  }
}
