/**
 * The scenario file's JSON Schema, generated from the zod schema (committed as
 * `data/schema/scenario.schema.json`; a test keeps the two in step).
 *
 * Regenerate with `deno run --allow-write=data sim/model/json_schema.ts && deno fmt data/schema`
 * (the test compares the parsed JSON, so formatting does not matter).
 *
 * @module
 */
import { z } from "npm:zod@4.6.7";
import { ScenarioFileSchema } from "./scenario_schema.ts";

/** Path of the committed JSON Schema, relative to the project root. */
export const SCENARIO_SCHEMA_PATH = "data/schema/scenario.schema.json";

/** The JSON Schema of scenario files (input side: numbers may carry a source). */
export function scenarioJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(ScenarioFileSchema, { io: "input", unrepresentable: "any" }),
    title: "clickday scenario",
  };
}

/** The schema as the committed file's text (2-space JSON with a final newline). */
export function scenarioJsonSchemaText(): string {
  return JSON.stringify(scenarioJsonSchema(), null, 2) + "\n";
}

if (import.meta.main) {
  Deno.writeTextFileSync(SCENARIO_SCHEMA_PATH, scenarioJsonSchemaText());
  console.log(`wrote ${SCENARIO_SCHEMA_PATH}`);
}
