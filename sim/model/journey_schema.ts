/**
 * The journey part of the scenario language: the operations a citizen performs in order, and
 * how each request travels through the tiers — a fixed route (a tandem line), or probabilistic
 * routing (an open Jackson-type network: an entry tier, then next-hop probabilities per tier,
 * the rest leaving).
 *
 * @module
 */
import { z } from "npm:zod@4.6.7";
import { nonNegativeInteger, nonNegativeNumber, probability } from "../scenario/numbers.ts";
import { distributionSchema } from "./distributions.ts";
import { nameSchema } from "./tier/tier_schema.ts";

const probabilities = () =>
  z.record(nameSchema(), probability()).refine(
    (record) => Object.values(record).reduce((sum, p) => sum + p, 0) <= 1 + 1e-9,
    { error: "probabilities must sum to at most 1" },
  );

/** Probabilistic routing: where a request enters, and where it goes after each tier. */
export const RoutingSchema = z.strictObject({
  entry: z.union([nameSchema(), probabilities()]).describe(
    "The first tier, or probabilities of first tiers (summing to 1)",
  ),
  next: z.record(nameSchema(), probabilities()).default({}).describe(
    "Per tier: probabilities of the next tier; the rest leaves the service (done)",
  ),
}).refine(
  (routing) =>
    typeof routing.entry === "string" ||
    Math.abs(Object.values(routing.entry).reduce((sum, p) => sum + p, 0) - 1) < 1e-9,
  { error: "entry probabilities must sum to 1", path: ["entry"] },
);

/** One operation of a journey. */
export const OperationSchema = z.strictObject({
  name: nameSchema(),
  route: z.array(nameSchema()).min(1, { error: "must name at least one tier" }).max(64)
    .optional().describe("Tiers in order (a tandem line)"),
  routing: RoutingSchema.optional().describe("Probabilistic routing instead of a route"),
  priority: nonNegativeInteger("unscaled").default(0).describe(
    "0 is served first under the priority discipline",
  ),
  think_time_mean_seconds: nonNegativeNumber("time").default(0).describe(
    "Mean of an exponential pause before this operation",
  ),
  think_time: distributionSchema("time").optional().describe(
    "Pause before this operation as any distribution (instead of the mean)",
  ),
}).refine((operation) => (operation.route === undefined) !== (operation.routing === undefined), {
  error: "give exactly one of route or routing",
  path: ["route"],
});

/** A parsed operation. */
export type Operation = z.output<typeof OperationSchema>;
/** Parsed probabilistic routing. */
export type Routing = z.output<typeof RoutingSchema>;
