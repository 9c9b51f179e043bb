/**
 * The scenario file: demand, service, horizon, seed and named designs.
 *
 * @module
 */
import { z } from "zod";
import { DemandSchema } from "./demand_schema.ts";
import { ServiceSchema } from "./service_schema.ts";
import { mechanismSections } from "./mechanisms_schema.ts";
import { nonNegativeNumber, positiveNumber } from "./numbers.ts";

/** The base scenario, without designs. */
export const BaseScenarioSchema = z.strictObject({
  $schema: z.string().optional(),
  name: z.string().min(1, { error: "must be a non-empty string" }),
  description: z.string().default(""),
  seed: z.number().int({ error: "is not an integer" }).nonnegative({
    error: "is not a non-negative integer",
  }).default(1),
  horizon_seconds: positiveNumber().describe("Simulated time, seconds"),
  warmup_seconds: nonNegativeNumber().default(0).describe(
    "Latency and wait means ignore requests issued before this time",
  ),
  bin_width_seconds: positiveNumber().default(60).describe("Width of the series bins"),
  demand: DemandSchema,
  service: ServiceSchema,
  ...mechanismSections,
});

/** A scenario file: the base plus named designs (overrides deep-merged onto the base). */
export const ScenarioFileSchema = BaseScenarioSchema.extend({
  designs: z.record(z.string(), z.record(z.string(), z.unknown())).default({}).describe(
    "Named overrides of any field, deep-merged onto the base; arrays of named items merge by name",
  ),
});

/** A validated scenario file: the base (every number plain) and its designs' raw overrides. */
export type Scenario = z.output<typeof ScenarioFileSchema>;
/** A scenario with one design applied, every number plain: what the model runs. */
export type ResolvedScenario = z.output<typeof BaseScenarioSchema>;
/** A scenario file as written (numbers may carry a source). */
export type ScenarioFileInput = z.input<typeof ScenarioFileSchema>;
/** The demand part of a scenario. */
export type Demand = ResolvedScenario["demand"];
/** A client's behaviour. */
export type Client = Demand["client"];
/** A client's retry policy. */
export type RetryPolicy = Client["retry"];
/** An arrival profile. */
export type ArrivalProfileConfig = Demand["arrivals"];
/** One tier of the service. */
export type Tier = ResolvedScenario["service"]["tiers"][number];
/** A service-time distribution. */
export type ServiceTime = Tier["service_time"];
/** The admission section of a scenario (null or absent: none). */
export type AdmissionConfig = NonNullable<ResolvedScenario["admission"]>;

/** A journey operation. */
export type Operation = Demand["journey"][number];
