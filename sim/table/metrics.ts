/**
 * The catalogue of metric names the model writes and charts, notebooks and the report read.
 *
 * One place for the names keeps the layers in step: the model never invents a name that is
 * not here, and a chart can look up a metric's unit and plain-language label. Per-tier
 * series append `:<tier name>` to a per-tier metric (e.g. `queue_length:app`).
 *
 * @module
 */

/** How a metric is measured. */
export type MetricKind = "rate" | "level" | "latency" | "count" | "ratio" | "money" | "time";

/** Description of one metric. */
export interface MetricInfo {
  /** Unit, e.g. `"requests/s"`, `"seconds"`, `"euro"`, `"citizens"`, `"1"` (dimensionless). */
  unit: string;
  /** What kind of quantity it is. */
  kind: MetricKind;
  /** Short English label. */
  en: string;
  /** Short Italian label. */
  it: string;
  /** True for metrics measured per tier (`name:tier`). */
  perTier?: boolean;
}

/** Time-binned series metrics (`SeriesRow.metric`). Rates are averaged over the bin. */
export const SERIES_METRICS = {
  offered_first_per_s: {
    unit: "requests/s",
    kind: "rate",
    en: "Offered load, first attempts",
    it: "Carico offerto, primi tentativi",
  },
  offered_retry_per_s: {
    unit: "requests/s",
    kind: "rate",
    en: "Offered load, retries",
    it: "Carico offerto, ritentativi",
  },
  admitted_per_s: { unit: "requests/s", kind: "rate", en: "Admitted", it: "Ammesse" },
  completed_per_s: { unit: "requests/s", kind: "rate", en: "Completed", it: "Completate" },
  goodput_per_s: {
    unit: "requests/s",
    kind: "rate",
    en: "Goodput (completed within the client's timeout)",
    it: "Goodput (completate entro il timeout del client)",
  },
  failed_timeout_per_s: { unit: "requests/s", kind: "rate", en: "Timed out", it: "Scadute" },
  failed_rejected_per_s: { unit: "requests/s", kind: "rate", en: "Rejected", it: "Respinte" },
  failed_crashed_per_s: {
    unit: "requests/s",
    kind: "rate",
    en: "Lost in a crash",
    it: "Perse per un crash",
  },
  failed_reneged_per_s: {
    unit: "requests/s",
    kind: "rate",
    en: "Left the queue (reneged)",
    it: "Uscite dalla coda (rinuncia)",
  },
  failed_balked_per_s: {
    unit: "requests/s",
    kind: "rate",
    en: "Refused to queue (balked)",
    it: "Rifiutate all'ingresso in coda",
  },
  orbit_size: {
    unit: "citizens",
    kind: "level",
    en: "Citizens waiting to retry (orbit)",
    it: "Cittadini in attesa di ritentare (orbita)",
  },
  /**
   * Attempts per second the service can complete when operations come in the journey's mix:
   * the smallest, over the tiers some operation visits, of a tier's requests per second ÷ its
   * visits per attempt (comparable with the offered load, which counts attempts).
   */
  capacity_per_s: {
    unit: "requests/s",
    kind: "rate",
    en: "Service capacity",
    it: "Capacità del servizio",
  },
  queue_length: {
    unit: "requests",
    kind: "level",
    en: "Queue length",
    it: "Lunghezza della coda",
    perTier: true,
  },
  busy_servers: {
    unit: "servers",
    kind: "level",
    en: "Busy servers",
    it: "Server occupati",
    perTier: true,
  },
  servers: { unit: "servers", kind: "level", en: "Servers", it: "Server", perTier: true },
  tier_up: {
    unit: "1",
    kind: "ratio",
    en: "Tier up (1) or down (0)",
    it: "Livello attivo (1) o fermo (0)",
    perTier: true,
  },
  latency_p50_s: { unit: "seconds", kind: "latency", en: "Latency p50", it: "Latenza p50" },
  latency_p95_s: { unit: "seconds", kind: "latency", en: "Latency p95", it: "Latenza p95" },
  latency_p99_s: { unit: "seconds", kind: "latency", en: "Latency p99", it: "Latenza p99" },
  waiting_room_length: {
    unit: "citizens",
    kind: "level",
    en: "Citizens in the waiting room",
    it: "Cittadini nella sala d'attesa",
  },
  budget_remaining_euro: {
    unit: "euro",
    kind: "money",
    en: "Budget remaining",
    it: "Fondi residui",
  },
} as const satisfies Record<string, MetricInfo>;

/** Per-run scalar metrics (`SummaryRow.metric`). */
export const SUMMARY_METRICS = {
  attempts: { unit: "requests", kind: "count", en: "Attempts", it: "Tentativi" },
  first_attempts: {
    unit: "requests",
    kind: "count",
    en: "First attempts",
    it: "Primi tentativi",
  },
  retries: { unit: "requests", kind: "count", en: "Retries", it: "Ritentativi" },
  successes: {
    unit: "requests",
    kind: "count",
    en: "Successful requests",
    it: "Richieste riuscite",
  },
  retry_amplification: {
    unit: "1",
    kind: "ratio",
    en: "Attempts per successful request",
    it: "Tentativi per richiesta riuscita",
  },
  retry_share: {
    unit: "1",
    kind: "ratio",
    en: "Share of attempts that were retries",
    it: "Quota di ritentativi",
  },
  goodput_share: {
    unit: "1",
    kind: "ratio",
    en: "Share of attempts served within the timeout",
    it: "Quota di tentativi serviti entro il timeout",
  },
  peak_offered_per_s: {
    unit: "requests/s",
    kind: "rate",
    en: "Peak offered load",
    it: "Picco di carico offerto",
  },
  peak_goodput_per_s: {
    unit: "requests/s",
    kind: "rate",
    en: "Peak goodput",
    it: "Picco di goodput",
  },
  wasted_work_seconds: {
    unit: "server-seconds",
    kind: "money",
    en: "Work spent on requests whose client had gone",
    it: "Lavoro sprecato su richieste abbandonate",
  },
  downtime_seconds: { unit: "seconds", kind: "time", en: "Downtime", it: "Tempo di fermo" },
  operations_per_citizen: {
    unit: "requests",
    kind: "ratio",
    en: "Backend operations per citizen",
    it: "Operazioni di backend per cittadino",
  },
  citizens: {
    unit: "citizens",
    kind: "count",
    en: "Citizens who tried",
    it: "Cittadini che hanno provato",
  },
  citizens_succeeded: { unit: "citizens", kind: "count", en: "Succeeded", it: "Riusciti" },
  citizen_success_share: {
    unit: "1",
    kind: "ratio",
    en: "Share of citizens who succeeded",
    it: "Quota di cittadini riusciti",
  },
  citizens_gave_up: { unit: "citizens", kind: "count", en: "Gave up", it: "Rinunciatari" },
  citizens_still_trying: {
    unit: "citizens",
    kind: "count",
    en: "Still trying at the horizon",
    it: "Ancora in tentativo alla fine",
  },
  time_to_success_p50_s: {
    unit: "seconds",
    kind: "latency",
    en: "Median time to success",
    it: "Tempo mediano per riuscire",
  },
  time_to_success_p95_s: {
    unit: "seconds",
    kind: "latency",
    en: "95th percentile time to success",
    it: "95° percentile del tempo per riuscire",
  },
  funded: { unit: "citizens", kind: "count", en: "Funded", it: "Finanziati" },
  denied_budget: {
    unit: "citizens",
    kind: "count",
    en: "Denied: budget ran out",
    it: "Esclusi: fondi esauriti",
  },
  denied_closed: {
    unit: "citizens",
    kind: "count",
    en: "Denied: applied outside the window (before it opened or after it closed)",
    it: "Esclusi: domanda fuori dalla finestra (prima dell'apertura o dopo la chiusura)",
  },
  failed_technical: {
    unit: "citizens",
    kind: "count",
    en: "Excluded by technical failure",
    it: "Esclusi per guasto tecnico",
  },
  funded_share: { unit: "1", kind: "ratio", en: "Share funded", it: "Quota finanziata" },
  technical_failure_share: {
    unit: "1",
    kind: "ratio",
    en: "Share excluded by technical failure",
    it: "Quota esclusa per guasto tecnico",
  },
  budget_total_euro: {
    unit: "euro",
    kind: "money",
    en: "Budget at the opening",
    it: "Fondi all'apertura",
  },
  budget_exhausted_at_s: {
    unit: "seconds",
    kind: "time",
    en: "Budget exhausted at",
    it: "Esaurimento dei fondi",
  },
  fairness_jain: {
    unit: "1",
    kind: "ratio",
    en: "Jain's fairness index across arrival deciles",
    it: "Indice di equità di Jain tra decili di arrivo",
  },
  fairness_gini: {
    unit: "1",
    kind: "ratio",
    en: "Gini index across arrival deciles",
    it: "Indice di Gini tra decili di arrivo",
  },
  fairness_jain_persistence: {
    unit: "1",
    kind: "ratio",
    en: "Jain's fairness index across persistence classes",
    it: "Indice di equità di Jain tra classi di insistenza",
  },
  fairness_gini_persistence: {
    unit: "1",
    kind: "ratio",
    en: "Gini index across persistence classes",
    it: "Indice di Gini tra classi di insistenza",
  },
  latency_mean_s: {
    unit: "seconds",
    kind: "latency",
    en: "Mean latency",
    it: "Latenza media",
  },
  queue_wait_mean_s: {
    unit: "seconds",
    kind: "latency",
    en: "Mean queue wait",
    it: "Attesa media in coda",
    perTier: true,
  },
  response_p50_s: {
    unit: "seconds",
    kind: "latency",
    en: "Response time p50 (every attempt)",
    it: "Tempo di risposta p50 (ogni tentativo)",
  },
  response_p95_s: {
    unit: "seconds",
    kind: "latency",
    en: "Response time p95 (every attempt)",
    it: "Tempo di risposta p95 (ogni tentativo)",
  },
  response_p99_s: {
    unit: "seconds",
    kind: "latency",
    en: "Response time p99 (every attempt)",
    it: "Tempo di risposta p99 (ogni tentativo)",
  },
  timeout_probability: {
    unit: "1",
    kind: "ratio",
    en: "Share of attempts that timed out",
    it: "Quota di tentativi scaduti",
  },
  local_rejection_probability: {
    unit: "1",
    kind: "ratio",
    en: "Share of attempts refused by the client itself",
    it: "Quota di tentativi bloccati dal client",
  },
  orbit_mean: {
    unit: "citizens",
    kind: "level",
    en: "Mean citizens waiting to retry (orbit)",
    it: "Media dei cittadini in attesa di ritentare (orbita)",
  },
  response_time_mean_s: {
    unit: "seconds",
    kind: "latency",
    en: "Mean response time (wait + service)",
    it: "Tempo di risposta medio (attesa + servizio)",
    perTier: true,
  },
  wait_probability: {
    unit: "1",
    kind: "ratio",
    en: "Probability of waiting",
    it: "Probabilità di attesa",
    perTier: true,
  },
  queue_length_mean: {
    unit: "requests",
    kind: "level",
    en: "Mean queue length",
    it: "Lunghezza media della coda",
    perTier: true,
  },
  busy_servers_mean: {
    unit: "servers",
    kind: "level",
    en: "Mean busy servers",
    it: "Server occupati in media",
    perTier: true,
  },
  in_system_mean: {
    unit: "requests",
    kind: "level",
    en: "Mean requests in the tier",
    it: "Richieste medie nel livello",
    perTier: true,
  },
  utilisation: {
    unit: "1",
    kind: "ratio",
    en: "Utilisation",
    it: "Utilizzo",
    perTier: true,
  },
  blocking_probability: {
    unit: "1",
    kind: "ratio",
    en: "Blocking probability (queue full)",
    it: "Probabilità di blocco (coda piena)",
    perTier: true,
  },
  balking_probability: {
    unit: "1",
    kind: "ratio",
    en: "Balking probability",
    it: "Probabilità di rinuncia all'ingresso",
    perTier: true,
  },
  abandonment_probability: {
    unit: "1",
    kind: "ratio",
    en: "Abandonment probability",
    it: "Probabilità di abbandono",
    perTier: true,
  },
  peak_servers: { unit: "servers", kind: "count", en: "Peak servers", it: "Server al picco" },
  server_hours: { unit: "server-hours", kind: "money", en: "Server-hours", it: "Ore-server" },
} as const satisfies Record<string, MetricInfo>;

/** A series metric name (without the `:tier` suffix). */
export type SeriesMetric = keyof typeof SERIES_METRICS;
/** A summary metric name. */
export type SummaryMetric = keyof typeof SUMMARY_METRICS;

/**
 * Looks up a metric, per-tier names included (`queue_length:app` → `queue_length`).
 *
 * @example
 * ```ts
 * metricInfo("queue_length:app")?.unit; // "requests"
 * ```
 */
export function metricInfo(name: string): MetricInfo | undefined {
  const base = name.split(":")[0];
  return (SERIES_METRICS as Record<string, MetricInfo>)[base] ??
    (SUMMARY_METRICS as Record<string, MetricInfo>)[base];
}

/** Ratios of the catalogue that are not shares: at least 0 but not at most 1. */
const UNBOUNDED_RATIOS = new Set(["retry_amplification"]);

/**
 * The values a metric can take: [0, 1] for shares and probabilities, [0, ∞) for every other
 * metric of the catalogue (counts, rates, levels, money, times), (−∞, ∞) for a name outside
 * it. A confidence interval shown to readers is clipped to it (a t-interval of a count near 0
 * can reach below 0; the count cannot).
 *
 * @example
 * ```ts
 * metricRange("goodput_share"); // [0, 1]
 * metricRange("funded"); // [0, Infinity]
 * ```
 */
export function metricRange(metric: string): [number, number] {
  const info = metricInfo(metric);
  if (info === undefined) return [-Infinity, Infinity];
  const share = info.kind === "ratio" && info.unit === "1" &&
    !UNBOUNDED_RATIOS.has(metric.split(":")[0]);
  return [0, share ? 1 : Infinity];
}

/**
 * Kinds of metric that grow with the size of the system (rates, counts, levels, money): a run
 * of a scenario scaled by k shows k times the full-scale value. Shares, latencies and times do
 * not scale.
 */
export const SIZE_DEPENDENT_KINDS: readonly MetricKind[] = ["rate", "count", "level", "money"];

/**
 * The factor that turns a metric measured on a scenario scaled by `factor` into its full-scale
 * value: `1 / factor` for size-dependent kinds ({@link SIZE_DEPENDENT_KINDS}), 1 otherwise
 * (and for metrics not in the catalogue, which are left as measured).
 *
 * @example
 * ```ts
 * fullScaleMultiplier("goodput_per_s", 0.05); // 20
 * fullScaleMultiplier("utilisation:app", 0.05); // 1
 * ```
 */
export function fullScaleMultiplier(metric: string, factor: number): number {
  const info = metricInfo(metric);
  if (info === undefined || !SIZE_DEPENDENT_KINDS.includes(info.kind)) return 1;
  return 1 / factor;
}

/**
 * Metric names with what each says, for error messages: one line per name,
 * `  name — label [unit]`, in English or Italian (names outside the catalogue are listed bare).
 *
 * @example
 * ```ts
 * describeMetrics(["peak_goodput_per_s"], "en");
 * // "  peak_goodput_per_s — Peak goodput [requests/s]"
 * ```
 */
export function describeMetrics(names: readonly string[], lang: "en" | "it" = "en"): string {
  return names.map((name) => {
    const info = metricInfo(name);
    if (info === undefined) return `  ${name}`;
    const unit = info.unit === "1" ? "" : ` [${info.unit}]`;
    return `  ${name} — ${info[lang]}${unit}`;
  }).join("\n");
}
