/**
 * The scenario language's machinery, independent of what the language contains: numbers that
 * carry their source and declare how they scale, merging designs onto a base, reading files,
 * errors that name the field, provenance listings, schema walks and role-driven scaling. The
 * language itself (demand, tiers, clients, mechanisms) is assembled in `sim/model`.
 *
 * @module
 */
export { isSourcedObject, sourced } from "./sourced.ts";
export type { AssumedValue, SourcedNumberInput, SourcedValue } from "./sourced.ts";
export { formatIssues, formatPath, ScenarioError } from "./errors.ts";
export { ADD_MARKER, deepMerge, mergeDesign } from "./merge.ts";
export type { KindChange, MergeResult } from "./merge.ts";
export { listProvenance, unsourcedNumbers } from "./provenance.ts";
export type { NumberProvenance } from "./provenance.ts";
export {
  anyNumber,
  boundedInteger,
  boundedNumber,
  LARGEST_NUMBER,
  nonNegativeInteger,
  nonNegativeNumber,
  positiveInteger,
  positiveNumber,
  positiveNumberAtMost,
  probability,
  SCALING_ROLES,
  scalingRoleOf,
  withRole,
} from "./numbers.ts";
export type { ScalingRole } from "./numbers.ts";
export { childPattern, patternPrefixes, roleMap } from "./scaling_roles.ts";
export type { RoleMap } from "./scaling_roles.ts";
export { kindFields, walkSchema } from "./schema_walk.ts";
export { numberOf, roundingRatio, scaleScenarioByRoles } from "./scale.ts";
export type { ScalePlan } from "./scale.ts";
export {
  DEEPEST_NESTING,
  inlineTraces,
  LARGEST_SCENARIO_BYTES,
  parseTraceCsv,
  parseWith,
  readScenarioJson,
} from "./files.ts";
export { jsonDepthWithin, readBoundedTextFile, readBoundedTextFileAsync } from "./bounded_read.ts";
