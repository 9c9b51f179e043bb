/**
 * Autoscaling on the engine: target utilisation, min/max servers, provisioning delay and a
 * scale-in cooldown.
 *
 * Every `evaluationIntervalSeconds` the autoscaler computes the desired count as Kubernetes'
 * horizontal autoscaler does: `ceil(servers × utilisation ÷ targetUtilisation)`, clamped to
 * [min, max], where utilisation is the mean of `busy() ÷ servers()` sampled
 * `utilisationSamples` times evenly over the interval (as a one-minute CPU average would be). Extra servers
 * are ordered at once but come online only `provisioningDelaySeconds` later (`setServers` is
 * called then); servers are removed at once, but only when no order is pending and at least
 * `scaleInCooldownSeconds` have passed since the last change. Utilisation saturates at 1 under
 * overload, so capacity grows at most by a factor 1 ÷ target per evaluation, and an order
 * placed during a short spike arrives after it: scaling too late visibly fails to help. Pass
 * busy-plus-queued work as `busy()` to scale on demand instead of utilisation.
 *
 * @module
 */
import type { EventScheduler } from "./event_scheduler.ts";
import {
  requireInRange,
  requireInteger,
  requireNonNegative,
  requirePositive,
} from "./option_checks.ts";

/** Options of an {@link Autoscaler}. */
export interface AutoscalerOptions {
  /** Utilisation the autoscaler aims for, in (0, 1]. */
  targetUtilisation: number;
  /** Fewest servers (integer ≥ 1). */
  minServers: number;
  /** Most servers (integer ≥ minServers). */
  maxServers: number;
  /** Time between evaluations, seconds. */
  evaluationIntervalSeconds: number;
  /** Time from ordering a server to its serving, seconds. */
  provisioningDelaySeconds: number;
  /** Least time between a change and a scale-in, seconds. */
  scaleInCooldownSeconds: number;
  /** Utilisation samples averaged per evaluation (integer ≥ 1, default 6). */
  utilisationSamples?: number;
}

/** What the autoscaler reads and drives (the tier it scales). */
export interface ScalableTier {
  /** Busy servers now (or busy + queued work, to scale on demand), servers. */
  busy(): number;
  /** Servers online now. */
  servers(): number;
  /** Sets the number of servers online. */
  setServers(servers: number): void;
}

/** An autoscaler driving one tier. */
export class Autoscaler {
  /** The options, validated. */
  readonly options: Readonly<AutoscalerOptions>;
  readonly #env: EventScheduler;
  readonly #tier: ScalableTier;
  readonly #samples: number;
  readonly #sample: () => void;
  readonly #provisioned: (servers: number) => void;
  #pending = 0;
  #lastChangeAt = -Infinity;
  #lastOrderAt = NaN;
  #firstOrderAt = NaN;
  #firstOnlineAt = NaN;
  #orders = 0;
  #running = false;
  #tickPending = false;
  #tickHandle = -1;
  #sampleCount = 0;
  #utilisationSum = 0;

  /** Creates the autoscaler and starts evaluating; throws a `RangeError` naming a bad option. */
  constructor(env: EventScheduler, options: AutoscalerOptions, tier: ScalableTier) {
    requireInRange("autoscaler.targetUtilisation", options.targetUtilisation, 0, 1);
    if (options.targetUtilisation === 0) {
      throw new RangeError("autoscaler.targetUtilisation must be in (0, 1], got 0");
    }
    requireInteger("autoscaler.minServers", options.minServers, 1);
    requireInteger("autoscaler.maxServers", options.maxServers, options.minServers);
    requirePositive("autoscaler.evaluationIntervalSeconds", options.evaluationIntervalSeconds);
    requireNonNegative("autoscaler.provisioningDelaySeconds", options.provisioningDelaySeconds);
    requireNonNegative("autoscaler.scaleInCooldownSeconds", options.scaleInCooldownSeconds);
    this.#samples = requireInteger(
      "autoscaler.utilisationSamples",
      options.utilisationSamples ?? 6,
      1,
    );
    this.options = { ...options, utilisationSamples: this.#samples };
    this.#env = env;
    this.#tier = tier;
    this.#sample = () => this.#takeSample();
    this.#provisioned = (servers) => this.#bringOnline(servers);
    this.start();
  }

  /** Servers ordered and not yet online. */
  get pendingServers(): number {
    return this.#pending;
  }

  /** Scale-up orders placed so far. */
  get scaleUpOrders(): number {
    return this.#orders;
  }

  /** Time of the first scale-up order, seconds (NaN if none). */
  get firstScaleUpOrderAt(): number {
    return this.#firstOrderAt;
  }

  /** Time ordered servers first came online, seconds (NaN if never). */
  get firstScaleUpOnlineAt(): number {
    return this.#firstOnlineAt;
  }

  /** Time of the latest scale-up order, seconds (NaN if none). */
  get lastScaleUpOrderAt(): number {
    return this.#lastOrderAt;
  }

  /** Starts (or restarts) the periodic evaluation; the first is one interval from now. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#sampleCount = 0;
    this.#utilisationSum = 0;
    if (!this.#tickPending) this.#scheduleSample();
  }

  /** Stops evaluating (orders already placed still come online). */
  stop(): void {
    if (!this.#running) return;
    this.#running = false;
    if (this.#env.cancel && this.#env.cancel(this.#tickHandle)) this.#tickPending = false;
  }

  /** Desired servers for `busy` busy servers out of `servers`, clamped to [min, max]. */
  desiredServers(busy: number, servers: number): number {
    const { targetUtilisation, minServers, maxServers } = this.options;
    const utilisation = servers > 0 ? busy / servers : (busy > 0 ? 1 : 0);
    // With no server online, at least one is needed as soon as there is work.
    const base = servers > 0 ? servers : (busy > 0 ? 1 : 0);
    // Guard against 0.7 / 0.7 = 1.0000000000000002 rounding up a whole server.
    const raw = base * utilisation / targetUtilisation;
    const desired = Math.ceil(raw - 1e-9);
    return desired < minServers ? minServers : desired > maxServers ? maxServers : desired;
  }

  #scheduleSample(): void {
    this.#tickPending = true;
    this.#tickHandle = this.#env.schedule(
      this.options.evaluationIntervalSeconds / this.#samples,
      this.#sample,
    );
  }

  #takeSample(): void {
    this.#tickPending = false;
    if (!this.#running) return; // a stale tick after stop() without cancel
    const servers = this.#tier.servers();
    const busy = this.#tier.busy();
    this.#utilisationSum += servers > 0 ? busy / servers : (busy > 0 ? 1 : 0);
    if (++this.#sampleCount >= this.#samples) {
      this.#evaluate(this.#utilisationSum / this.#sampleCount, servers);
      this.#sampleCount = 0;
      this.#utilisationSum = 0;
    }
    this.#scheduleSample();
  }

  #evaluate(utilisation: number, servers: number): void {
    const now = this.#env.now;
    const desired = this.desiredServers(utilisation * Math.max(servers, 1), servers);
    if (desired > servers + this.#pending) {
      const order = desired - servers - this.#pending;
      this.#pending += order;
      this.#orders++;
      this.#lastOrderAt = now;
      if (Number.isNaN(this.#firstOrderAt)) this.#firstOrderAt = now;
      this.#env.schedule(this.options.provisioningDelaySeconds, this.#provisioned, order);
    } else if (
      desired < servers && this.#pending === 0 &&
      now - this.#lastChangeAt >= this.options.scaleInCooldownSeconds
    ) {
      this.#tier.setServers(desired);
      this.#lastChangeAt = now;
    }
  }

  #bringOnline(servers: number): void {
    this.#pending -= servers;
    const target = Math.min(this.options.maxServers, this.#tier.servers() + servers);
    this.#tier.setServers(target);
    this.#lastChangeAt = this.#env.now;
    if (Number.isNaN(this.#firstOnlineAt)) this.#firstOnlineAt = this.#env.now;
  }
}
