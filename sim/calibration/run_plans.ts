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
  /**
   * Scale of a cheap pre-screen that ranks every assumption before the report's tornado reruns
   * only the largest swings at the sensitivity scale; set only where a full tornado at the
   * sensitivity scale does not fit the report's time budget.
   */
  sensitivityPrescreenScale?: number;
}

/** The plan of each incident. */
export const CALIBRATION_RUN_PLANS: Record<string, CalibrationRunPlan> = {
  "cashback-io-2020": {
    scale: 0.1,
    replications: 3,
    why: "3.6 M citizens and ~500 M requests over 72 h at full scale; k = 0.1 runs in ~45 s a " +
      "replication. The SIA wallet (15 → 35 → 150 servers of 0.25 s) becomes 3 → 7 → 30 servers " +
      "of 0.5 s. At k ≤ 0.05 it is 1–3 servers of 1–10 s against a 20-s client timeout, which " +
      "halves the 7 Dec enrolments (measured: 0.18 M at k = 0.05, 0.12 M at 0.02, 0.22–0.25 M " +
      "at 0.1 and 0.2 with the earlier calibration), so calibrating there fitted an artefact. " +
      "The tornado runs at k = 0.05 (3 → 7 → 30 servers of 1 s: 7 Dec enrolments 0.23 M vs " +
      "0.26 M at k = 0.1; at k = 0.02, 0.15 M), two runs per assumption.",
    sensitivityScale: 0.05,
    sensitivityPrescreenScale: 0.0125,
  },
  "bonus-terme-2021": {
    scale: 0.2,
    replications: 3,
    why: "k = 0.2 keeps 12 platform servers and a 120-request crash threshold, and agrees with " +
      "full scale on every headline metric (data/convergence/bonus-terme-2021.json); at 0.1 " +
      "and below the shares of citizens served and shut out already differ from full scale.",
  },
  "bonus-mobilita-2020": {
    scale: 0.02,
    replications: 3,
    why: "910k sessions over 28 h; k = 0.02 runs in ~0.5 s. The SPID tier (150 → 8 → 150 servers " +
      "of 1 s) becomes 19 → 1 → 19 servers of 6.25 s (the failure's capacity kept within 2%); " +
      "the observables are the same at k = 0.125 and 0.25.",
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
