/**
 * Zod schemas of the design mechanisms' scenario options (server-side protection, waiting
 * room, autoscaling, staggered access, budget and allocation), for the scenario schema to
 * embed. Keys are snake_case like the rest of the scenario file; every number may be plain or
 * sourced (`{ value, source }` / `{ value, assumption }`), parsed to a plain number.
 * `null` stands for "none" / "never" where JSON has no Infinity.
 *
 * The `to…Options` functions turn parsed options into the mechanisms' constructor options.
 *
 * @module
 */
import { z } from "zod";
import {
  anyNumber,
  nonNegativeNumber,
  positiveInteger,
  positiveNumber,
  probability,
} from "../scenario/numbers.ts";
import type { AimdLimitOptions } from "./concurrency_limit_aimd.ts";
import type { GradientLimitOptions } from "./concurrency_limit_gradient.ts";
import type { AutoscalerOptions } from "./autoscaler.ts";
import type { GrantAmount } from "./budget_amount.ts";
import type { TokenBucketOptions } from "./token_bucket.ts";

/**
 * The tier a server-side mechanism sits in front of (a scenario tier name); absent: the first
 * tier of the journey's first operation (the edge).
 */
// deno-lint-ignore explicit-module-boundary-types
export const tierName = () =>
  z.string({ error: "is not a string" }).regex(/^[A-Za-z0-9_.-]+$/, {
    error: "is not a tier name (letters, digits, _ . -)",
  }).optional().describe("Tier name; absent: the first tier of the first operation's route");

/** Token bucket at the edge. */
export const TokenBucketSchema = z.strictObject({
  tier: tierName(),
  rate_per_second: positiveNumber().describe("Sustained admission rate, requests/s"),
  burst: positiveNumber().refine((value) => value >= 1, { error: "must be at least 1 request" })
    .describe("Bucket size, requests"),
  honour_retry_after: probability().default(1).describe(
    "Share of clients that wait the Retry-After time before retrying (the rest follow their " +
      "own retry policy)",
  ),
});

const limitBounds = {
  initial_limit: positiveInteger().default(20).describe("Starting limit, requests"),
  min_limit: positiveInteger().default(20).describe("Lowest limit, requests"),
  max_limit: positiveInteger().default(200).describe("Highest limit, requests"),
};

const boundsInOrder = (value: { initial_limit: number; min_limit: number; max_limit: number }) =>
  value.min_limit <= value.initial_limit && value.initial_limit <= value.max_limit;
const boundsError = { error: "needs min_limit <= initial_limit <= max_limit" };

/** Concurrency limit per tier: static, AIMD or gradient (Netflix concurrency-limits). */
export const ConcurrencyLimitSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("static"),
    tier: tierName(),
    limit: positiveInteger().describe("Requests in flight allowed"),
  }),
  z.strictObject({
    kind: z.literal("aimd"),
    tier: tierName(),
    ...limitBounds,
    backoff_ratio: probability().default(0.9).describe("Factor applied on a drop"),
    timeout_seconds: positiveNumber().default(5).describe("Latency counted as a drop"),
  }).refine(boundsInOrder, boundsError),
  z.strictObject({
    kind: z.literal("gradient"),
    tier: tierName(),
    ...limitBounds,
    smoothing: probability().default(0.2).describe("Weight of a new estimate"),
    rtt_tolerance: positiveNumber().default(1.5).describe("Latency ratio tolerated, >= 1"),
    long_window: positiveInteger().default(600).describe("Long-run latency window, samples"),
    queue_size: nonNegativeNumber().default(4).describe("Queueing allowed above the limit"),
  }).refine(boundsInOrder, boundsError),
], { error: "is not a concurrency limit (kind static, aimd or gradient)" });

/** CoDel queue-delay target (RFC 8289). */
export const CoDelSchema = z.strictObject({
  tier: tierName(),
  target_seconds: positiveNumber().describe("Acceptable standing queue delay"),
  interval_seconds: positiveNumber().describe("Time above target before dropping"),
});

/** Load shedding by priority class (0 = most important). */
export const LoadSheddingSchema = z.strictObject({
  tier: tierName(),
  signal: z.enum(["utilisation", "queue_length", "queue_delay_seconds"], {
    error: "is not one of utilisation, queue_length, queue_delay_seconds",
  }).describe("The load measure the thresholds are in"),
  thresholds: z.array(nonNegativeNumber().nullable()).min(1, {
    error: "must hold one threshold per priority class",
  }).describe(
    "Load at or above which each class (an operation's priority, 0 first) is shed; null: " +
      "never shed. Utilisation is (in service + queued) ÷ service slots",
  ),
}).refine(
  ({ thresholds }) =>
    thresholds.every((value, index) =>
      index === 0 || (value ?? Infinity) <= (thresholds[index - 1] ?? Infinity)
    ),
  { error: "thresholds must not increase with the class number (less important work first)" },
);

/** Client-side circuit breaker. */
export const CircuitBreakerSchema = z.strictObject({
  failure_threshold: positiveInteger().default(5).describe("Consecutive failures that open it"),
  open_seconds: positiveNumber().default(30).describe("Time it stays open"),
  half_open_probes: positiveInteger().default(1).describe("Trial requests when half-open"),
});

/** Virtual waiting room. */
export const WaitingRoomSchema = z.strictObject({
  admission_rate_per_second: positiveNumber().describe("Admissions per second, citizens/s"),
  opening_seconds: anyNumber().describe("When admissions start, seconds from the origin"),
  ordering: z.enum(["fifo", "random-before-opening"], {
    error: "is not one of fifo, random-before-opening",
  }).default("fifo"),
  token_validity_seconds: positiveNumber().nullable().default(null).describe(
    "Session length after admission; null: unlimited (bonus mobilità: 1200)",
  ),
  balking: z.strictObject({
    mean_tolerance_seconds: positiveNumber().describe(
      "Mean of the (exponential) wait a citizen tolerates",
    ),
    max_probability: probability().default(1).describe("Share who would ever leave"),
  }).nullable().default(null).describe("Leaving on seeing the expected wait; null: nobody leaves"),
  mean_return_seconds: positiveNumber().nullable().default(null).describe(
    "Mean (exponential) time until a citizen who left comes back; null: never",
  ),
});

/** Autoscaling of a tier. */
export const AutoscalerSchema = z.strictObject({
  tier: tierName(),
  scale_on: z.enum(["utilisation", "demand"], { error: "is not one of utilisation, demand" })
    .default("utilisation").describe(
      "utilisation: busy servers; demand: busy plus queued work, in servers",
    ),
  target_utilisation: probability().refine((value) => value > 0, { error: "must be > 0" }),
  min_servers: positiveInteger(),
  max_servers: positiveInteger(),
  evaluation_interval_seconds: positiveNumber().default(60),
  provisioning_delay_seconds: nonNegativeNumber().describe("Order to serving, seconds"),
  scale_in_cooldown_seconds: nonNegativeNumber().default(300),
}).refine((value) => value.min_servers <= value.max_servers, {
  error: "needs min_servers <= max_servers",
});

const windowSchema = z.strictObject({
  cohort: z.number({ error: "is not a number" }).int({ error: "is not an integer" }).nonnegative({
    error: "is not a cohort number (integer >= 0)",
  }),
  start_seconds: anyNumber(),
  end_seconds: anyNumber(),
}).refine((window) => window.end_seconds > window.start_seconds, {
  error: "end_seconds must be after start_seconds",
});

/** Staggered access windows by cohort. */
export const StaggeredSchema = z.strictObject({
  cohort_by: z.enum(["birth-month", "fiscal-code-letter", "region"], {
    error: "is not one of birth-month, fiscal-code-letter, region",
  }),
  letter_groups: z.array(z.string().regex(/^[A-Za-z]+$/, { error: "is not a group of letters" }))
    .optional().describe('For fiscal-code-letter: e.g. ["ABC", "DEFG", ...] covering A–Z'),
  windows: z.array(windowSchema).min(1, { error: "must hold at least one window" }).optional(),
  consecutive: z.strictObject({
    first_opening_seconds: anyNumber(),
    spacing_seconds: positiveNumber(),
    duration_seconds: positiveNumber(),
  }).optional().describe("Cohort c opens at first_opening + c × spacing for duration"),
  cohort_shares: z.array(nonNegativeNumber()).min(1).optional().describe(
    "Share of citizens per cohort (normalised); absent: equal per birth month or region, " +
      "letters ÷ 26 per fiscal-code letter group",
  ),
}).refine((value) => (value.windows === undefined) !== (value.consecutive === undefined), {
  error: "give exactly one of windows or consecutive",
}).refine((value) => value.cohort_by !== "fiscal-code-letter" || value.letter_groups, {
  error: "cohort_by fiscal-code-letter needs letter_groups",
});

/** Grant per successful applicant. */
export const GrantSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("fixed"), euro: positiveNumber() }),
  z.strictObject({
    kind: z.literal("uniform"),
    min_euro: nonNegativeNumber(),
    max_euro: positiveNumber(),
  }).refine((value) => value.min_euro <= value.max_euro, { error: "needs min_euro <= max_euro" }),
  z.strictObject({
    kind: z.literal("capped-share"),
    share: probability().describe("Share of the spend refunded"),
    cap_euro: positiveNumber(),
    median_spend_euro: positiveNumber(),
    spend_log_sd: nonNegativeNumber(),
  }),
], { error: "is not a grant (kind fixed, uniform or capped-share)" });

/** The allocation rule. */
export const AllocationSchema = z.strictObject({
  rule: z.enum(["fcfs", "lottery", "ranking", "staggered-shares"], {
    error: "is not one of fcfs, lottery, ranking, staggered-shares",
  }),
  registration_close_seconds: anyNumber().optional().describe(
    "Lottery and ranking: when the registration window closes and the draw is made",
  ),
  shares: z.array(probability()).min(1).optional().describe(
    "Staggered shares: share of the budget per cohort, summing to at most 1",
  ),
  rollover: z.boolean().default(true).describe(
    "Staggered shares: a cohort's unspent share passes to the next cohort when its window closes",
  ),
}).refine(
  (value) =>
    (value.rule !== "lottery" && value.rule !== "ranking") ||
    value.registration_close_seconds !== undefined,
  { error: "lottery and ranking need registration_close_seconds" },
).refine((value) => value.rule !== "staggered-shares" || value.shares !== undefined, {
  error: "staggered-shares needs shares",
}).refine(
  (value) => (value.shares ?? []).reduce((sum, share) => sum + share, 0) <= 1 + 1e-9,
  { error: "shares must sum to at most 1" },
);

/** The bonus budget (with the allocation rule, FCFS when absent, in scenario files). */
export const BudgetSchema = z.strictObject({
  total_euro: positiveNumber().describe("The whole budget, euro"),
  grant: GrantSchema,
  allocation: AllocationSchema.optional().describe("Who is funded; absent: fcfs"),
});

/** Every design mechanism, each optional (absent: not in the design). */
export const DesignMechanismsSchema = z.strictObject({
  token_bucket: TokenBucketSchema.optional(),
  concurrency_limit: ConcurrencyLimitSchema.optional(),
  codel: CoDelSchema.optional(),
  load_shedding: LoadSheddingSchema.optional(),
  circuit_breaker: CircuitBreakerSchema.optional(),
  waiting_room: WaitingRoomSchema.optional(),
  autoscaler: AutoscalerSchema.optional(),
  staggered: StaggeredSchema.optional(),
  budget: BudgetSchema.optional(),
  allocation: AllocationSchema.optional(),
});

/** Parsed token-bucket options. */
export type TokenBucketConfig = z.output<typeof TokenBucketSchema>;
/** Parsed concurrency-limit options. */
export type ConcurrencyLimitConfig = z.output<typeof ConcurrencyLimitSchema>;
/** Parsed CoDel options. */
export type CoDelConfig = z.output<typeof CoDelSchema>;
/** Parsed load-shedding options. */
export type LoadSheddingConfig = z.output<typeof LoadSheddingSchema>;
/** Parsed circuit-breaker options. */
export type CircuitBreakerConfig = z.output<typeof CircuitBreakerSchema>;
/** Parsed waiting-room options. */
export type WaitingRoomConfig = z.output<typeof WaitingRoomSchema>;
/** Parsed autoscaler options. */
export type AutoscalerConfig = z.output<typeof AutoscalerSchema>;
/** Parsed staggered-access options. */
export type StaggeredConfig = z.output<typeof StaggeredSchema>;
/** Parsed grant options. */
export type GrantConfig = z.output<typeof GrantSchema>;
/** Parsed budget options. */
export type BudgetConfig = z.output<typeof BudgetSchema>;
/** Parsed allocation options. */
export type AllocationConfig = z.output<typeof AllocationSchema>;
/** Parsed design mechanisms. */
export type DesignMechanismsConfig = z.output<typeof DesignMechanismsSchema>;

/** Token-bucket constructor options from parsed scenario options. */
export function toTokenBucketOptions(config: TokenBucketConfig): TokenBucketOptions {
  return { ratePerSecond: config.rate_per_second, burst: config.burst };
}

/** AIMD or gradient constructor options from parsed scenario options (static: the limit). */
export function toConcurrencyLimitOptions(
  config: ConcurrencyLimitConfig,
): number | AimdLimitOptions | GradientLimitOptions {
  switch (config.kind) {
    case "static":
      return config.limit;
    case "aimd":
      return {
        initialLimit: config.initial_limit,
        minLimit: config.min_limit,
        maxLimit: config.max_limit,
        backoffRatio: config.backoff_ratio,
        timeoutSeconds: config.timeout_seconds,
      };
    case "gradient":
      return {
        initialLimit: config.initial_limit,
        minLimit: config.min_limit,
        maxLimit: config.max_limit,
        smoothing: config.smoothing,
        rttTolerance: config.rtt_tolerance,
        longWindow: config.long_window,
        queueSize: config.queue_size,
      };
  }
}

/** Load-shedding thresholds with `null` turned into `Infinity` (never shed). */
export function toShedderThresholds(config: LoadSheddingConfig): number[] {
  return config.thresholds.map((value) => value ?? Infinity);
}

/** Autoscaler constructor options from parsed scenario options. */
export function toAutoscalerOptions(config: AutoscalerConfig): AutoscalerOptions {
  return {
    targetUtilisation: config.target_utilisation,
    minServers: config.min_servers,
    maxServers: config.max_servers,
    evaluationIntervalSeconds: config.evaluation_interval_seconds,
    provisioningDelaySeconds: config.provisioning_delay_seconds,
    scaleInCooldownSeconds: config.scale_in_cooldown_seconds,
  };
}

/** Grant description (see `budget_amount.ts`) from parsed scenario options. */
export function toGrantAmount(config: GrantConfig): GrantAmount {
  switch (config.kind) {
    case "fixed":
      return { kind: "fixed", euro: config.euro };
    case "uniform":
      return { kind: "uniform", minEuro: config.min_euro, maxEuro: config.max_euro };
    case "capped-share":
      return {
        kind: "capped-share",
        share: config.share,
        capEuro: config.cap_euro,
        medianSpendEuro: config.median_spend_euro,
        spendLogSd: config.spend_log_sd,
      };
  }
}

/**
 * The waiting room's balking probability for a shown wait (seconds): the chance that an
 * exponential tolerance with the configured mean is shorter than the wait, times
 * `max_probability`. Undefined when nobody leaves.
 */
export function toBalkingProbability(
  config: WaitingRoomConfig,
): ((expectedWaitSeconds: number) => number) | undefined {
  const balking = config.balking;
  if (!balking) return undefined;
  const mean = balking.mean_tolerance_seconds;
  const cap = balking.max_probability;
  return (wait: number) => cap * (1 - Math.exp(-Math.max(0, wait) / mean));
}
