/**
 * A new click day from a few numbers: `clickDay` writes a scenario in the format of
 * `data/scenarios/*.json` — a budget of fixed awards paid first come first served, applicants
 * rushing a one-tier portal at the opening, clients that time out and retry — with every
 * number carrying `{ value, assumption }` that says where it came from, and two alternative
 * designs (four times the capacity; a lottery). Save it with `saveScenario`, edit it, run it
 * with `scenario(…)`.
 *
 * @module
 */
import { dirname } from "node:path";
import { parseScenario } from "../model/mod.ts";
import { UsageError } from "../experiment/mod.ts";
import { writeFileAtomicSync } from "../experiment/atomic_write.ts";

/** Client behaviour of a click day's applicants. */
export interface ClickDayClient {
  /** Seconds a client waits for a response before giving the attempt up (default 30). */
  timeoutSeconds?: number;
  /** Attempts per request, the first included (default 5). */
  maxAttempts?: number;
  /** Seconds between attempts (default 10). */
  retryDelaySeconds?: number;
}

/** The few numbers a click day is built from. */
export interface ClickDayInput {
  /** Scenario name (file stem), e.g. `"bonus-elettrodomestici-2025"`. */
  name: string;
  /** Money to give out, euro. */
  budgetEuro: number;
  /** Award per funded applicant, euro. */
  awardEuro: number;
  /** Applicants expected (who all come on the day). */
  expectedApplicants: number;
  /** Opening, ISO 8601 with offset, e.g. `"2025-03-01T10:00:00+01:00"` (t = 0 s). */
  opensAt: string;
  /** Requests per second the portal completes at full load. */
  capacityPerSecond: number;
  /**
   * Mean service time of one request on one server, seconds (default 1); adjusted to
   * servers ÷ `capacityPerSecond` when `capacityPerSecond × serviceSeconds` is not a whole
   * number of servers, so that the capacity is exactly the one asked for.
   */
  serviceSeconds?: number;
  /** Time constant of the rush after the opening, minutes (default 15). */
  rushMinutes?: number;
  /** Hours simulated from the opening (default 4). */
  hours?: number;
  /** Client behaviour. */
  client?: ClickDayClient;
  /** Base seed of the random streams (default 1). */
  seed?: number;
}

/** A number with the assumption behind it, as in `data/` files. */
export interface Assumed {
  /** The number. */
  value: number;
  /** Where it came from. */
  assumption: string;
}

const assumed = (value: number, assumption: string): Assumed => ({ value, assumption });

function positive(field: string, value: unknown): number {
  if (typeof value !== "number" || !(value > 0 && Number.isFinite(value))) {
    throw UsageError.field(field, value, "a finite number > 0");
  }
  return value;
}

/**
 * The scenario of a click day built from a few numbers (valid against the scenario schema;
 * every number but the seed with an assumption).
 *
 * @example
 * ```ts
 * import { clickDay } from "./click_day.ts";
 * const s = clickDay({
 *   name: "bonus-esempio", budgetEuro: 1_000_000, awardEuro: 100, expectedApplicants: 20_000,
 *   opensAt: "2025-03-01T10:00:00+01:00", capacityPerSecond: 20,
 * });
 * Object.keys(s.designs as object); // ["capacity-x4", "lottery"]
 * ```
 *
 * @throws UsageError naming the field for a number that is not > 0 or an opening that is not a
 * date-time.
 */
export function clickDay(input: ClickDayInput): Record<string, unknown> {
  const budget = positive("budgetEuro", input.budgetEuro);
  const award = positive("awardEuro", input.awardEuro);
  const applicants = Math.round(positive("expectedApplicants", input.expectedApplicants));
  const capacity = positive("capacityPerSecond", input.capacityPerSecond);
  const service = positive("serviceSeconds", input.serviceSeconds ?? 1);
  const rush = 60 * positive("rushMinutes", input.rushMinutes ?? 15);
  const horizon = Math.round(3600 * positive("hours", input.hours ?? 4));
  const timeout = positive("client.timeoutSeconds", input.client?.timeoutSeconds ?? 30);
  const attempts = positive("client.maxAttempts", input.client?.maxAttempts ?? 5);
  if (!Number.isInteger(attempts)) {
    throw UsageError.field("client.maxAttempts", attempts, "an integer ≥ 1");
  }
  const delay = positive("client.retryDelaySeconds", input.client?.retryDelaySeconds ?? 10);
  if (
    !/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?(Z|[+-]\d\d:\d\d)$/.test(input.opensAt) ||
    Number.isNaN(Date.parse(input.opensAt))
  ) {
    throw UsageError.field(
      "opensAt",
      input.opensAt,
      'a date-time like "2025-03-01T10:00:00+01:00"',
    );
  }
  // Whole servers; the service time is then set so that they serve exactly capacityPerSecond
  // (0.3 requests/s at 1 s would otherwise be one server of 1 request/s).
  const servers = Math.max(1, Math.round(capacity * service));
  const serviceMean = servers / capacity;
  const awards = Math.floor(budget / award);
  const scenario = {
    name: input.name,
    description: `Click day built with clickDay(): ${awards.toLocaleString("en-US")} awards of ` +
      `${award} € (${budget.toLocaleString("en-US")} € first come first served) for ` +
      `${applicants.toLocaleString("en-US")} expected applicants; opens at ${input.opensAt} ` +
      `(t = 0 s); portal of ${capacity} requests/s.`,
    seed: input.seed ?? 1,
    horizon_seconds: assumed(horizon, `${horizon / 3600} h from the opening`),
    warmup_seconds: assumed(0, "the opening starts from an empty system"),
    bin_width_seconds: assumed(60, "1-minute bins"),
    demand: {
      arrivals: {
        kind: "surge",
        baseline_rate_per_second: assumed(0, "nobody before the opening"),
        ramp_start_seconds: assumed(0, "no build-up before the opening"),
        pre_opening_rate_per_second: assumed(0, "nobody before the opening"),
        opening_seconds: assumed(0, `the opening, ${input.opensAt}`),
        peak_rate_per_second: assumed(
          applicants / rush,
          `expectedApplicants / rush time constant: ${applicants} applicants in an ` +
            `exponential rush of ${rush / 60} min`,
        ),
        decay_seconds: assumed(rush, `rush time constant, ${rush / 60} min`),
        plateau_rate_per_second: assumed(0, "no steady trickle after the rush"),
      },
      population: assumed(applicants, "expectedApplicants: each comes once"),
      journey: [
        { name: "login", route: ["portal"] },
        {
          name: "apply",
          route: ["portal"],
          think_time_mean_seconds: assumed(30, "half a minute to fill in the form"),
        },
      ],
      client: {
        timeout_seconds: assumed(timeout, "client.timeoutSeconds"),
        retry: {
          kind: "fixed",
          max_attempts: assumed(attempts, "client.maxAttempts"),
          delay_seconds: assumed(delay, "client.retryDelaySeconds"),
          jitter: "none",
        },
      },
    },
    service: {
      tiers: [{
        name: "portal",
        servers: assumed(
          servers,
          `capacityPerSecond × serviceSeconds = ${capacity} × ${service}, rounded`,
        ),
        service_time: {
          kind: "exponential",
          mean_seconds: assumed(
            serviceMean,
            serviceMean === service
              ? "serviceSeconds: one request on one server"
              : `servers ÷ capacityPerSecond = ${servers} ÷ ${capacity} (serviceSeconds ` +
                `${service}, adjusted so that whole servers give the capacity asked for)`,
          ),
        },
      }],
    },
    budget: {
      total_euro: assumed(budget, "budgetEuro"),
      grant: { kind: "fixed", euro: assumed(award, "awardEuro") },
      allocation: { rule: "fcfs" },
    },
    designs: {
      "capacity-x4": {
        service: {
          tiers: [{ name: "portal", servers: assumed(4 * servers, "four times the portal") }],
        },
      },
      lottery: {
        budget: {
          allocation: {
            rule: "lottery",
            registration_close_seconds: assumed(
              Math.round(horizon / 2),
              "registrations close halfway through; then a draw",
            ),
          },
        },
      },
    },
  };
  parseScenario(scenario);
  return scenario;
}

/**
 * Writes a scenario as a JSON file (2-space indent), creating its folder; returns the path.
 * Validates it first: nothing is written for an invalid scenario. A file already at `path` is
 * replaced only with `{ replace: true }` (a project's scenario is not overwritten by a slip),
 * and then whole: the new text goes to a temporary file renamed over it.
 *
 * @throws ScenarioError naming the field when the scenario is not valid.
 * @throws UsageError when `path` exists and `replace` is not set, or is not a regular file.
 */
export function saveScenario(
  path: string,
  scenario: Record<string, unknown>,
  options: { replace?: boolean } = {},
): string {
  parseScenario(scenario);
  let existing: Deno.FileInfo | undefined;
  try {
    existing = Deno.lstatSync(path);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  if (existing !== undefined && !existing.isFile) {
    throw UsageError.field("path", path, "a file path (this is a folder or a link)");
  }
  if (existing !== undefined && options.replace !== true) {
    throw UsageError.field(
      "path",
      path,
      "a new file (one is there; saveScenario(path, scenario, { replace: true }) replaces it)",
    );
  }
  Deno.mkdirSync(dirname(path), { recursive: true });
  writeFileAtomicSync(path, JSON.stringify(scenario, null, 2) + "\n");
  return path;
}
