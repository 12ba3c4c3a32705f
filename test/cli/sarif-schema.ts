/**
 * A subset of the official SARIF 2.1.0 JSON schema (sarif-schema-2.1.0.json, OASIS), written out
 * by hand for the objects `review-diff` emits: the required properties, enums and bounds are the
 * official ones, and every object only allows property names that the official schema defines,
 * so a misspelt or invented property fails the test.
 */
const message = {
  type: "object",
  anyOf: [{ required: ["text"] }, { required: ["id"] }],
  properties: {
    text: { type: "string" },
    markdown: { type: "string" },
    id: { type: "string" },
    arguments: { type: "array", items: { type: "string" } },
    properties: { type: "object" },
  },
  additionalProperties: false,
};
const multiformatMessageString = {
  type: "object",
  required: ["text"],
  properties: { text: { type: "string" }, markdown: { type: "string" }, properties: { type: "object" } },
  additionalProperties: false,
};
const level = { enum: ["none", "note", "warning", "error"] };
const propertyBag = {
  type: "object",
  properties: { tags: { type: "array", uniqueItems: true, items: { type: "string" } } },
};

export const SARIF_2_1_0_SUBSET = {
  $schema: "http://json-schema.org/draft-07/schema#",
  type: "object",
  required: ["version", "runs"],
  properties: {
    $schema: { type: "string", format: "uri" },
    version: { enum: ["2.1.0"] },
    runs: {
      type: ["array", "null"],
      items: {
        type: "object",
        required: ["tool"],
        properties: {
          tool: {
            type: "object",
            required: ["driver"],
            properties: {
              driver: {
                type: "object",
                required: ["name"],
                properties: {
                  name: { type: "string" },
                  version: { type: "string" },
                  semanticVersion: { type: "string" },
                  informationUri: { type: "string", format: "uri" },
                  rules: {
                    type: "array",
                    uniqueItems: true,
                    items: {
                      type: "object",
                      required: ["id"],
                      properties: {
                        id: { type: "string" },
                        name: { type: "string" },
                        shortDescription: multiformatMessageString,
                        fullDescription: multiformatMessageString,
                        help: multiformatMessageString,
                        helpUri: { type: "string", format: "uri" },
                        defaultConfiguration: {
                          type: "object",
                          properties: {
                            enabled: { type: "boolean" },
                            level,
                            rank: { type: "number", minimum: -1, maximum: 100 },
                            parameters: propertyBag,
                            properties: propertyBag,
                          },
                          additionalProperties: false,
                        },
                        properties: propertyBag,
                      },
                      additionalProperties: false,
                    },
                  },
                },
                additionalProperties: false,
              },
            },
            additionalProperties: false,
          },
          results: {
            type: ["array", "null"],
            items: {
              type: "object",
              required: ["message"],
              properties: {
                ruleId: { type: "string" },
                ruleIndex: { type: "integer", minimum: -1 },
                kind: { enum: ["notApplicable", "pass", "fail", "review", "open", "informational"] },
                level,
                message,
                locations: {
                  type: "array",
                  items: {
                    type: "object",
                    properties: {
                      id: { type: "integer", minimum: -1 },
                      physicalLocation: {
                        type: "object",
                        anyOf: [{ required: ["address"] }, { required: ["artifactLocation"] }],
                        properties: {
                          artifactLocation: {
                            type: "object",
                            properties: {
                              uri: { type: "string", format: "uri-reference" },
                              uriBaseId: { type: "string" },
                              index: { type: "integer", minimum: -1 },
                              description: message,
                              properties: propertyBag,
                            },
                            additionalProperties: false,
                          },
                          region: {
                            type: "object",
                            properties: {
                              startLine: { type: "integer", minimum: 1 },
                              startColumn: { type: "integer", minimum: 1 },
                              endLine: { type: "integer", minimum: 1 },
                              endColumn: { type: "integer", minimum: 1 },
                              snippet: { type: "object" },
                              message,
                              properties: propertyBag,
                            },
                            additionalProperties: false,
                          },
                        },
                        additionalProperties: false,
                      },
                      message,
                      properties: propertyBag,
                    },
                    additionalProperties: false,
                  },
                },
                fingerprints: { type: "object", additionalProperties: { type: "string" } },
                partialFingerprints: { type: "object", additionalProperties: { type: "string" } },
                properties: propertyBag,
              },
              additionalProperties: false,
            },
          },
          properties: propertyBag,
        },
        additionalProperties: false,
      },
    },
    properties: propertyBag,
  },
  additionalProperties: false,
} as const;
