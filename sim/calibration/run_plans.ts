/**
 * The documented scale-down of each incident for the incident tests and the tornado runner
 * (`data/sources.md`, "Scale"): demand, population, servers, queue and crash thresholds,
 * admission rates and budgets × k; service times, timeouts and client behaviour unchanged.
 * Counts and rates measured at scale k are divided by k; times and shares are scale-free.
 *
 * @module
 */

/** How an incident is run for calibration checks. */
export interface CalibrationRunPlan {
  /** Demand-and-capacity factor k in (0, 1]. */
  scale: number;
  /** Replications (≥ 3, for a Student-t interval on each mean). */
  replications: number;
  /** Why this k (the smallest whose run is fast and whose rounding is tolerable). */
  why: string;
  /**
   * Scale of the one-at-a-time sensitivity (tornado) runs, when it differs from `scale`
   * (a tornado costs two runs per assumption); default `scale`.
   */
  sensitivityScale?: number;
}

/** The plan of each incident. */
export const CALIBRATION_RUN_PLANS: Record<string, CalibrationRunPlan> = {
  "cashback-io-2020": {
    scale: 0.005,
    replications: 3,
    why: "3 M citizens and ~100 M requests at full scale; k = 0.005 runs 72 h in ~3 s. The SIA " +
      "wallet (15 → 25 → 150 servers) rounds to 1 → 2 → 10 servers with service times " +
      "stretched to keep each capacity, so pooling effects are those of a small system.",
  },
  "bonus-terme-2021": {
    scale: 0.1,
    replications: 3,
    why: "k = 0.1 keeps 6 platform servers and a 500-request crash threshold; at 0.02 the " +
      "platform has 1 server and the reopening day fails, a rounding artefact.",
  },
  "bonus-mobilita-2020": {
    scale: 0.02,
    replications: 3,
    why: "910k sessions over 28 h; k = 0.02 runs in ~1 s. The degraded SPID tier (8 servers) " +
      "rounds to 1 server at any k ≤ 0.1 (see the ignored completions_by_1930 test).",
  },
  "inps-bonus600-2020": {
    scale: 0.02,
    replications: 3,
    why: "2.5 M applicants in a day; k = 0.02 keeps 5 portal and 1 backend server(s).",
  },
  "decreto-flussi-2023": {
    scale: 0.1,
    replications: 3,
    why: "120k senders in 2 h; k = 0.1 keeps 30 portal servers and a 3,903-grant quota.",
  },
};
