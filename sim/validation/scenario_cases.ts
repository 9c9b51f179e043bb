/**
 * The registry of scenario validation cases: each file of `data/validation/` with the theory it
 * is checked against (`sim/analytic`, computed from the file's own numbers). The runner
 * (`scenario_validation.ts`) runs each file as analysts do, through the experiment layer, and
 * compares the replications' confidence intervals with the theory.
 *
 * The retry-storm criterion (`retryStormCriterion`) gives a verdict rather than a number; its
 * spike scenarios (`data/validation/metastable-*.json`) are in `metastability_cases.ts`.
 *
 * @module
 */
import {
  abandonmentTheory,
  erlangBTheory,
  giGcTheory,
  giMcTheory,
  mg1Theory,
  mmckTheory,
  mmcTheory,
} from "./scenario_cases_station.ts";
import {
  infiniteServerTheory,
  jacksonTheory,
  timeVaryingInfiniteServerTheory,
} from "./scenario_cases_network.ts";
import { retrialTheory, throttleTheory } from "./scenario_cases_client.ts";
import { timeVaryingMultiServerTheory } from "./scenario_cases_transient.ts";
import type { ScenarioCase } from "./scenario_theory.ts";

const file = (name: string) => `data/validation/${name}.json`;

const ALL_MMC = [
  "queue_wait_mean_s",
  "response_time_mean_s",
  "wait_probability",
  "queue_length_mean",
  "in_system_mean",
  "utilisation",
] as const;

/** Every scenario validation case, in table order. */
export const SCENARIO_CASES: readonly ScenarioCase[] = [
  { name: "mm1", title: "M/M/1 (Erlang C, c = 1)", file: file("mm1"), theory: mmcTheory(ALL_MMC) },
  { name: "mmc-5", title: "M/M/5 (Erlang C)", file: file("mmc-5"), theory: mmcTheory(ALL_MMC) },
  {
    name: "mmc-1000",
    title: "M/M/1000, Halfin–Whitt β ≈ 0.5 (Erlang C)",
    file: file("mmc-1000"),
    theory: mmcTheory(["wait_probability", "utilisation"]),
  },
  { name: "mmck", title: "M/M/2/6 (birth–death)", file: file("mmck"), theory: mmckTheory },
  {
    name: "erlang-b",
    title: "M/M/20/20 (Erlang B)",
    file: file("erlang-b"),
    theory: erlangBTheory,
  },
  { name: "md1", title: "M/D/1 (Pollaczek–Khinchine)", file: file("md1"), theory: mg1Theory },
  {
    name: "mg1-lognormal",
    title: "M/G/1, log-normal cv 1.5 (Pollaczek–Khinchine)",
    file: file("mg1-lognormal"),
    theory: mg1Theory,
  },
  {
    name: "mg1-hyperexponential",
    title: "M/G/1, hyperexponential cs² 5.5 (Pollaczek–Khinchine)",
    file: file("mg1-hyperexponential"),
    theory: mg1Theory,
  },
  { name: "dm1", title: "D/M/1 (GI/M/1, exact)", file: file("dm1"), theory: giMcTheory },
  {
    name: "gimc-lognormal",
    title: "GI/M/3, log-normal inter-arrivals (Takács)",
    file: file("gimc-lognormal"),
    theory: giMcTheory,
  },
  {
    name: "gigc-approximation",
    title: "E2/LN/4 (Allen–Cunneen, reported)",
    file: file("gigc-approximation"),
    theory: giGcTheory,
  },
  {
    name: "erlang-a",
    title: "M/M/10+M (Erlang-A)",
    file: file("erlang-a"),
    theory: abandonmentTheory,
  },
  {
    name: "mmc-deterministic-patience",
    title: "M/M/5+D (deterministic patience)",
    file: file("mmc-deterministic-patience"),
    theory: abandonmentTheory,
  },
  {
    name: "mm1-retrial",
    title: "M/M/1 retrial, exponential retries (Falin–Templeton)",
    file: file("mm1-retrial"),
    theory: retrialTheory,
  },
  {
    name: "jackson-network",
    title: "open Jackson network with feedback",
    file: file("jackson-network"),
    theory: jacksonTheory,
  },
  {
    name: "tandem",
    title: "tandem line M/M/1 → M/M/2 → M/M/1",
    file: file("tandem"),
    theory: jacksonTheory,
  },
  {
    name: "mt-m-infinite",
    title: "M_t/M/∞, cosine rate (exact transient mean)",
    file: file("mt-m-infinite"),
    theory: timeVaryingInfiniteServerTheory,
    quickHorizonShare: 1,
  },
  {
    name: "mt-m-c",
    title: "M_t/M/20, cosine rate (forward equations, exact transient)",
    file: file("mt-m-c"),
    theory: timeVaryingMultiServerTheory,
    quickHorizonShare: 1,
    replications: 200,
    quickReplications: 100,
  },
  {
    name: "mg-infinite",
    title: "M/G/∞, log-normal cv 2 (L = λE[S])",
    file: file("mg-infinite"),
    theory: infiniteServerTheory,
  },
  {
    name: "adaptive-throttle",
    title: "adaptive throttle vs rate limit (fixed point, reported)",
    file: file("adaptive-throttle"),
    theory: throttleTheory,
  },
];
