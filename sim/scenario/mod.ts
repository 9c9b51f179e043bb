/**
 * Scenario files: schema (zod), designs as deep-merged overrides, provenance of numbers,
 * loading and the generated JSON Schema.
 *
 * @module
 */
export { isSourcedObject, sourced } from "./sourced.ts";
export type { AssumedValue, SourcedNumberInput, SourcedValue } from "./sourced.ts";
export { formatIssues, formatPath, ScenarioError } from "./errors.ts";
export { deepMerge } from "./merge.ts";
export { listProvenance, unsourcedNumbers } from "./provenance.ts";
export type { NumberProvenance } from "./provenance.ts";
export {
  ArrivalProfileSchema,
  ClientSchema,
  DemandSchema,
  OperationSchema,
  PersistenceClassSchema,
  RetryPolicySchema,
} from "./demand_schema.ts";
export { ServiceSchema, ServiceTimeSchema, TierSchema } from "./service_schema.ts";
export { BaseScenarioSchema, ScenarioFileSchema } from "./scenario_schema.ts";
export { AdmissionSchema, mechanismSections } from "./mechanisms_schema.ts";
export type {
  AdmissionConfig,
  ArrivalProfileConfig,
  Client,
  Demand,
  Operation,
  ResolvedScenario,
  RetryPolicy,
  Scenario,
  ScenarioFileInput,
  ServiceTime,
  Tier,
} from "./scenario_schema.ts";
export {
  BASE_DESIGN,
  clientOfClass,
  designNames,
  loadScenario,
  parseScenario,
  parseTraceCsv,
  resolveDesign,
} from "./load.ts";
export { SCENARIO_SCHEMA_PATH, scenarioJsonSchema, scenarioJsonSchemaText } from "./json_schema.ts";
export { numberOf, scaleScenario } from "./scale.ts";
export type { ScalePlan } from "./scale.ts";
