/**
 * A passive probe plugged into the click-day model through its hooks (`ModelHooks`): it lets
 * every request through and records what the result tables do not hold but the incidents'
 * reported numbers need — journeys completed per bin, citizens starting per bin, citizens whose
 * first request succeeded (e.g. logged in) per bin, distinct citizens active in given windows,
 * and, per watched tier, requests arriving and requests served within the client's timeout.
 *
 * It changes nothing in the run: its client breaker always allows, its admission gates always
 * admit. A design that has its own client breaker cannot be probed per citizen (the model takes
 * one breaker); {@link ObservationProbe.hooks} then leaves the breaker out and the per-citizen
 * counts stay NaN.
 *
 * @module
 */
import type { ModelHooks } from "../model/mod.ts";

/** What to watch, besides the always-recorded per-bin counts. */
export interface ProbeOptions {
  /** Bin width, seconds (the scenario's). */
  binWidthSeconds: number;
  /** Horizon of the run, seconds. */
  horizonSeconds: number;
  /** Windows [start, end) in seconds in which to count distinct active citizens. */
  activeWindows?: [number, number][];
  /** Tier names whose per-bin arrivals and timely completions to record. */
  tiers?: string[];
  /** Service-time limit for a tier's request to count as a success, seconds (client timeout). */
  successWithinSeconds?: number;
  /** False when the design has its own client breaker (then per-citizen counts are NaN). */
  perCitizen?: boolean;
}

/** Per-bin counts of one watched tier. */
export interface TierCounts {
  /** Requests arriving at the tier, per bin (count). */
  arrivals: Float64Array;
  /** Requests served within the success limit, per bin (count). */
  timely: Float64Array;
}

/** What the probe recorded (counts per bin are raw counts, not rates). */
export interface ProbeRecord {
  /** Bin width, seconds. */
  binWidthSeconds: number;
  /** Journeys completed per bin (count). */
  journeysCompleted: Float64Array;
  /** Citizens issuing their first request, per bin (count; NaN-filled without per-citizen data). */
  citizensStarting: Float64Array;
  /** Citizens whose first successful request falls in the bin (count; NaN-filled likewise). */
  citizensFirstSuccess: Float64Array;
  /** Distinct citizens with ≥1 request in each `activeWindows` entry (NaN without per-citizen data). */
  activeInWindow: number[];
  /** Per watched tier. */
  tiers: Record<string, TierCounts>;
}

const SEEN = 1;
const SUCCEEDED = 2;

/** Collects a {@link ProbeRecord} while a run uses {@link ObservationProbe.hooks}. */
export class ObservationProbe {
  readonly #options: Required<ProbeOptions>;
  readonly #bins: number;
  readonly #journeys: Float64Array;
  readonly #starting: Float64Array;
  readonly #firstSuccess: Float64Array;
  readonly #active: number[];
  /** Per citizen: SEEN | SUCCEEDED flags. */
  #flags = new Uint8Array(4096);
  /** Per citizen and window: bit w set once active in window w (up to 8 windows). */
  #windowSeen = new Uint8Array(4096);
  readonly #tiers: Record<string, TierCounts> = {};

  /** @throws RangeError when the bin width or horizon is not positive or > 8 windows are asked. */
  constructor(options: ProbeOptions) {
    if (!(options.binWidthSeconds > 0)) {
      throw new RangeError(`binWidthSeconds: got ${options.binWidthSeconds}; allowed: > 0`);
    }
    if (!(options.horizonSeconds > 0)) {
      throw new RangeError(`horizonSeconds: got ${options.horizonSeconds}; allowed: > 0`);
    }
    const windows = options.activeWindows ?? [];
    if (windows.length > 8) {
      throw new RangeError(`activeWindows: got ${windows.length}; allowed: at most 8`);
    }
    this.#options = {
      binWidthSeconds: options.binWidthSeconds,
      horizonSeconds: options.horizonSeconds,
      activeWindows: windows,
      tiers: options.tiers ?? [],
      successWithinSeconds: options.successWithinSeconds ?? Infinity,
      perCitizen: options.perCitizen ?? true,
    };
    this.#bins = Math.ceil(options.horizonSeconds / options.binWidthSeconds);
    this.#journeys = new Float64Array(this.#bins);
    this.#starting = new Float64Array(this.#bins);
    this.#firstSuccess = new Float64Array(this.#bins);
    this.#active = windows.map(() => 0);
    for (const tier of this.#options.tiers) {
      this.#tiers[tier] = {
        arrivals: new Float64Array(this.#bins),
        timely: new Float64Array(this.#bins),
      };
    }
  }

  #binOf(now: number): number {
    return Math.min(this.#bins - 1, Math.max(0, Math.floor(now / this.#options.binWidthSeconds)));
  }

  #ensure(citizen: number): void {
    if (citizen < this.#flags.length) return;
    let size = this.#flags.length;
    while (size <= citizen) size *= 2;
    const flags = new Uint8Array(size);
    flags.set(this.#flags);
    this.#flags = flags;
    const windows = new Uint8Array(size);
    windows.set(this.#windowSeen);
    this.#windowSeen = windows;
  }

  /** The hooks to pass to `runReplication(..., { hooks })`. */
  hooks(tierNames: readonly string[]): ModelHooks {
    const hooks: ModelHooks = {
      onSuccess: (now) => {
        this.#journeys[this.#binOf(now)]++;
      },
    };
    if (this.#options.perCitizen) {
      const windows = this.#options.activeWindows;
      // an observer in front of every attempt: always lets it through
      hooks.limiters = [{
        allow: (now, citizen) => {
          this.#ensure(citizen);
          if ((this.#flags[citizen] & SEEN) === 0) {
            this.#flags[citizen] |= SEEN;
            this.#starting[this.#binOf(now)]++;
          }
          for (let w = 0; w < windows.length; w++) {
            if (now >= windows[w][0] && now < windows[w][1]) {
              const bit = 1 << w;
              if ((this.#windowSeen[citizen] & bit) === 0) {
                this.#windowSeen[citizen] |= bit;
                this.#active[w]++;
              }
            }
          }
          return true;
        },
        record: (now, citizen, _session, result) => {
          if (result !== 1) return;
          this.#ensure(citizen);
          if ((this.#flags[citizen] & SUCCEEDED) === 0) {
            this.#flags[citizen] |= SUCCEEDED;
            this.#firstSuccess[this.#binOf(now)]++;
          }
        },
      }];
    }
    const admission: NonNullable<ModelHooks["admission"]> = {};
    for (const [name, counts] of Object.entries(this.#tiers)) {
      const index = tierNames.indexOf(name);
      if (index < 0) {
        throw new Error(`probe tier "${name}": not a tier; allowed: ${tierNames.join(", ")}`);
      }
      const limit = this.#options.successWithinSeconds;
      admission[name] = {
        admit: (now) => {
          counts.arrivals[this.#binOf(now)]++;
          return true;
        },
        release: (now, _tier, latency, ok) => {
          if (ok && latency <= limit) counts.timely[this.#binOf(now)]++;
        },
      };
    }
    if (Object.keys(admission).length > 0) hooks.admission = admission;
    return hooks;
  }

  /** What was recorded so far. */
  record(): ProbeRecord {
    const perCitizen = this.#options.perCitizen;
    const orNaN = (values: Float64Array) => perCitizen ? values : values.map(() => NaN);
    return {
      binWidthSeconds: this.#options.binWidthSeconds,
      journeysCompleted: this.#journeys,
      citizensStarting: orNaN(this.#starting),
      citizensFirstSuccess: orNaN(this.#firstSuccess),
      activeInWindow: perCitizen ? [...this.#active] : this.#active.map(() => NaN),
      tiers: this.#tiers,
    };
  }
}
