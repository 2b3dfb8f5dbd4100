import "server-only";
import { REGION_CODE_RE, SCOPE_RE } from "@/lib/domain/region-code";

// The OpenAPI 3.1 description of the JSON API. Field names here are the contract of product.md;
// tests/integration/public-api.test.ts checks the live responses against it.
export function openApiDocument(origin: string) {
  const dateString = { type: "string", format: "date", examples: ["2026-01-31"] };
  const error = {
    type: "object",
    required: ["error", "message", "issues"],
    properties: {
      error: { type: "string", examples: ["invalid_parameters"] },
      message: { type: "string" },
      issues: {
        type: "array",
        items: {
          type: "object",
          required: ["param", "message"],
          properties: { param: { type: "string" }, message: { type: "string" } },
        },
      },
    },
  };
  return {
    openapi: "3.1.0",
    info: {
      title: "Coal mine safety standardization grading portal API",
      version: "1.0.0",
      description:
        "Announced grades (public) and standardization metrics (signed in, scoped to the caller's jurisdiction).",
    },
    servers: [{ url: origin }],
    paths: {
      "/api/public/v1/grades": {
        get: {
          summary: "Announced, currently valid grades",
          security: [],
          parameters: [
            {
              name: "province",
              in: "query",
              description: "GB/T 2260 region prefix (2, 4 or 6 digits)",
              schema: { type: "string", pattern: REGION_CODE_RE.source },
            },
            { name: "level", in: "query", schema: { type: "integer", minimum: 1, maximum: 3 } },
            { name: "q", in: "query", description: "Mine name or code", schema: { type: "string", maxLength: 100 } },
            { name: "page", in: "query", schema: { type: "integer", minimum: 1, default: 1 } },
            { name: "pageSize", in: "query", schema: { type: "integer", minimum: 1, maximum: 200, default: 50 } },
          ],
          responses: {
            "200": {
              description: "A page of grades",
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    required: ["items", "total"],
                    properties: {
                      items: {
                        type: "array",
                        items: {
                          type: "object",
                          required: ["mineCode", "mineName", "regionCode", "level", "announcedOn", "validUntil"],
                          additionalProperties: false,
                          properties: {
                            mineCode: { type: "string" },
                            mineName: { type: "string" },
                            regionCode: { type: "string", description: "GB/T 2260 county code" },
                            level: { type: "integer", minimum: 1, maximum: 3 },
                            announcedOn: dateString,
                            validUntil: {
                              ...dateString,
                              description:
                                "The last day the grade is valid (inclusive); the grade no longer holds from the day after.",
                            },
                          },
                        },
                      },
                      total: { type: "integer" },
                      page: { type: "integer" },
                      pageSize: { type: "integer" },
                    },
                  },
                },
              },
            },
            "400": { description: "Bad parameters", content: { "application/json": { schema: error } } },
          },
        },
      },
      "/api/v1/metrics": {
        get: {
          summary: "Standardization metrics for a scope, an as-of date and a year",
          security: [{ session: [] }],
          parameters: [
            {
              name: "scope",
              in: "query",
              description: "Region prefix; empty for national",
              schema: { type: "string", pattern: SCOPE_RE.source },
            },
            { name: "asOf", in: "query", schema: { type: "string", format: "date" } },
            { name: "year", in: "query", schema: { type: "integer", minimum: 2000, maximum: 2100 } },
          ],
          responses: {
            "200": {
              description: "Metrics by the definitions of the portal",
              content: { "application/json": { schema: { $ref: "#/components/schemas/Metrics" } } },
            },
            "400": { description: "Bad parameters", content: { "application/json": { schema: error } } },
            "401": { description: "Not signed in", content: { "application/json": { schema: error } } },
            "403": {
              description: "Scope outside the caller's jurisdiction",
              content: { "application/json": { schema: error } },
            },
          },
        },
      },
    },
    components: {
      securitySchemes: { session: { type: "apiKey", in: "cookie", name: "authjs.session-token" } },
      schemas: {
        Metrics: {
          type: "object",
          required: ["scope", "asOf", "year", "producing", "graded", "share", "coverage", "decisions"],
          properties: {
            scope: { type: "string" },
            asOf: dateString,
            year: { type: "integer" },
            yearToDate: { type: "boolean" },
            producing: { type: "integer" },
            graded: {
              type: "object",
              properties: { l1: { type: "integer" }, l2: { type: "integer" }, l3: { type: "integer" } },
            },
            share: {
              type: "object",
              properties: {
                l1: { type: "number" },
                l2: { type: "number" },
                l3: { type: "number" },
                l12: { type: "number" },
              },
            },
            coverage: {
              type: "object",
              properties: {
                year: { type: "integer" },
                checked: { type: "integer" },
                graded: { type: "integer" },
                ratio: { type: "number" },
                target: { type: ["number", "null"] },
              },
            },
            decisions: {
              type: "object",
              properties: {
                downgrades: { type: "integer" },
                revocations: { type: "integer" },
                byReason: { type: "object", additionalProperties: { type: "integer" } },
              },
            },
          },
        },
      },
    },
  };
}
