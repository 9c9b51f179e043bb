/**
 * The scenario language, assembled: run settings, demand (arrivals, journey, client,
 * persistence classes), service (tiers) and the design mechanisms from the registry, plus
 * named designs. Every number carries its scaling role (`sim/scenario/numbers.ts`); every
 * cross-field rule is checked here, before anything runs (`scenario_checks.ts`).
 *
 * @module
 */
import { z } from "npm:zod@4.6.7";
import {
  nonNegativeNumber,
  positiveInteger,
  positiveNumber,
  positiveNumberAtMost,
  withRole,
} from "../scenario/numbers.ts";
import { ClientSchema, PersistenceClassSchema } from "./client/client_schema.ts";
import { OperationSchema } from "./journey_schema.ts";
import { mechanismShape } from "./mechanisms/registry.ts";
import { ArrivalsSchema, BatchSizeSchema } from "./sources/arrival_schema.ts";
import { ServiceSchema } from "./tier/tier_schema.ts";
import { checkScenario } from "./scenario_checks.ts";

/** Longest horizon a scenario may simulate: ten years, seconds. */
export const LONGEST_HORIZON_SECONDS = 10 * 365 * 86400;

/** Demand: who arrives, when, and what they do. */
export const DemandSchema = z.strictObject({
  arrivals: ArrivalsSchema,
  batch_size: BatchSizeSchema.nullable().default(null).describe(
    "Citizens per arrival instant; null: one",
  ),
  multiplier: positiveNumber("unscaled").default(1).describe("What-if factor on arrival rates"),
  population: positiveInteger("capacity").nullable().default(null).describe(
    "Finite population: at most this many citizens arrive",
  ),
  journey: z.array(OperationSchema).min(1, { error: "must hold at least one operation" }).max(
    256,
  ),
  client: ClientSchema.prefault({}),
  persistence: z.array(PersistenceClassSchema).min(1, { error: "must hold at least one class" })
    .max(255).superRefine((classes, context) => {
      const total = classes.reduce((sum, entry) => sum + entry.share, 0);
      if (Math.abs(total - 1) > 1e-6) {
        context.addIssue({
          code: "custom",
          input: classes.map((entry) => entry.share),
          message: `has shares adding up to ${total}; allowed: shares of the citizens adding ` +
            "up to 1",
        });
      }
    }).prefault([{ name: "typical", share: 1 }]),
});

/** Server-side admission control and the clients' circuit breaker; each part optional. */
export const AdmissionSchema = z.strictObject(mechanismShape("admission"));

const SAFE_SEED = `is not a whole number from 0 to ${Number.MAX_SAFE_INTEGER} (a safe integer)`;

/** The base scenario, without designs (fields only; cross-field checks in the refinement). */
export const BaseScenarioFields = z.strictObject({
  $schema: z.string().max(4096).optional(),
  name: z.string({ error: "is not a string" }).min(1, { error: "must be a non-empty string" })
    .max(200, { error: "is longer than 200 characters" }),
  description: z.string().max(100_000).default(""),
  seed: withRole(
    z.number({ error: "is not a number" }).int({ error: SAFE_SEED }).min(0, {
      error: "is not a non-negative integer",
    }).max(Number.MAX_SAFE_INTEGER, { error: SAFE_SEED }),
    "unscaled",
  ).default(1),
  horizon_seconds: positiveNumberAtMost("time", LONGEST_HORIZON_SECONDS).describe(
    "Simulated time, seconds (at most ten years)",
  ),
  warmup_seconds: nonNegativeNumber("time").default(0).describe(
    "Every summary ignores what happens before this time (counts, means, time averages), " +
      "except the budget's outcome counts, which cover every citizen",
  ),
  bin_width_seconds: positiveNumber("time").default(60).describe("Width of the series bins"),
  demand: DemandSchema,
  service: ServiceSchema,
  admission: AdmissionSchema.nullable().optional().describe("Server-side admission control"),
  ...mechanismShape("section"),
});

/** The base scenario with its cross-field checks. */
export const BaseScenarioSchema = BaseScenarioFields.superRefine(checkScenario);

/** A scenario file: the base plus named designs (overrides merged onto the base). */
export const ScenarioFileSchema = BaseScenarioFields.extend({
  designs: z.record(
    z.string().regex(/^[A-Za-z0-9_.,=+:-]{1,100}$/, {
      error: "is not a design name (1–100 letters, digits, _ . , = + : -)",
    }).refine((name) => name !== "all" && name !== "base", {
      error: 'is reserved ("all" runs every design, "base" is the scenario itself)',
    }),
    z.record(z.string(), z.unknown()).superRefine((override, context) => {
      // A design is compared with the others on the same citizens (common random numbers)
      // and under the scenario's name: it may change neither.
      for (const field of ["name", "seed", "designs"]) {
        if (override[field] !== undefined) {
          context.addIssue({
            code: "custom",
            path: [field],
            input: override[field],
            message: field === "seed"
              ? "is not allowed in a design (every design runs on the base's random streams, " +
                "so designs are compared on the same citizens; change the base's seed)"
              : `is not allowed in a design (a design runs under the scenario's ${
                field === "name" ? "name" : "designs"
              })`,
          });
        }
      }
    }),
  ).default({}).describe(
    "Named overrides of any field but name and seed, merged onto the base (see sim/model/README.md)",
  ),
}).superRefine(checkScenario);

/** A validated scenario file: the base (every number plain) and its designs' raw overrides. */
export type Scenario = z.output<typeof ScenarioFileSchema>;
/** A scenario with one design applied, every number plain: what the model runs. */
export type ResolvedScenario = z.output<typeof BaseScenarioFields>;
/** A scenario file as written (numbers may carry a source). */
export type ScenarioFileInput = z.input<typeof ScenarioFileSchema>;
/** The demand part of a scenario. */
export type Demand = ResolvedScenario["demand"];
