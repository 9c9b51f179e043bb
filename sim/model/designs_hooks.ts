/**
 * Adapters from the design mechanisms to the click-day model's plug-in points (`hooks.ts`):
 * admission gates from a token bucket or a concurrency limiter, an autoscaler started with
 * the run, the allocation fed by the model's success hook, and a way to combine several.
 *
 * @module
 */
import type {
  AdmissionGate,
  CapacityControl,
  LoadShedder,
  ModelHooks,
  QueuePolicy,
} from "./hooks.ts";
import type { Allocation } from "./allocation.ts";
import { Autoscaler, type AutoscalerOptions } from "./autoscaler.ts";
import type { ConcurrencyLimiter } from "./concurrency_limit.ts";
import type { TokenBucket } from "./token_bucket.ts";

/**
 * An admission gate that lets a request in when the token bucket has a token, and tells a
 * rejected client when the next token comes (`Retry-After`).
 */
export function tokenBucketGate(bucket: TokenBucket): AdmissionGate {
  return { admit: (now) => bucket.tryTake(now), retryAfter: (now) => bucket.retryAfter(now) };
}

/**
 * An admission gate that lets a request in when the limiter has a permit, and returns the
 * permit with the request's latency when it leaves the tier (a lost request counts as a drop).
 */
export function concurrencyLimitGate(limiter: ConcurrencyLimiter): AdmissionGate {
  return {
    admit: () => limiter.tryAcquire(),
    release: (now, _tier, latencySeconds, ok) => limiter.release(now, latencySeconds, !ok),
  };
}

/** Hooks that start an autoscaler on one tier when the run starts. */
export interface AutoscalerHooks extends ModelHooks {
  /** Starts the autoscaler on the model's capacity control. */
  onStart(control: CapacityControl): void;
  /** The autoscaler, once the run has started. */
  readonly autoscaler: Autoscaler | undefined;
}

/**
 * Autoscales tier number `tier` of the service; the utilisation is busy ÷ servers, where busy
 * servers are requests in service ÷ `concurrency` (the tier's concurrency per server); set
 * `scaleOnDemand` to count queued requests as busy, i.e. scale on demand.
 */
export function autoscalerHooks(
  options: AutoscalerOptions,
  tier: number,
  scaleOnDemand = false,
  concurrency = 1,
): AutoscalerHooks {
  let autoscaler: Autoscaler | undefined;
  return {
    onStart(control: CapacityControl): void {
      autoscaler = new Autoscaler(control, options, {
        busy: scaleOnDemand
          ? () => (control.busy(tier) + control.queueLength(tier)) / concurrency
          : () => control.busy(tier) / concurrency,
        servers: () => control.servers(tier),
        setServers: (servers) => control.setServers(tier, servers),
      });
    },
    get autoscaler() {
      return autoscaler;
    },
  };
}

/**
 * A success hook that submits each citizen who completes the journey to the allocation.
 *
 * @param grantEuro the grant asked for, euro (e.g. a sampler from `grantAmountSampler`)
 * @param score ranking score of a citizen (`"ranking"` only; default 0)
 */
export function allocationHooks(
  allocation: Allocation,
  grantEuro: () => number,
  score: (citizen: number) => number = () => 0,
): ModelHooks {
  return {
    onSuccess(now: number, citizen: number): void {
      allocation.submit(citizen, now, grantEuro(), score(citizen));
    },
  };
}

/**
 * Combines several hook sets: admission gates are merged (two gates for the same tier are
 * chained: both must admit, and both are released); `onStart`, `onSuccess` and `onGiveUp` are
 * called in order; `honourRetryAfter` is the largest given. A tier can have one queue policy
 * and one shedder, and the run one citizen gate and one client breaker: two are an error.
 */
export function combineHooks(...sets: ModelHooks[]): ModelHooks {
  const admission: Record<string, AdmissionGate> = {};
  const queuePolicy: Record<string, QueuePolicy> = {};
  const shedding: Record<string, LoadShedder> = {};
  const combined: ModelHooks = {};
  const single = <K extends "citizenGate" | "clientBreaker">(key: K, value: ModelHooks[K]) => {
    if (value === undefined) return;
    if (combined[key] !== undefined) throw new Error(`combineHooks: two hooks give ${key}`);
    combined[key] = value;
  };
  const perTier = <T>(
    target: Record<string, T>,
    source: Record<string, T> | undefined,
    what: string,
  ) => {
    for (const [tier, value] of Object.entries(source ?? {})) {
      if (target[tier] !== undefined) {
        throw new Error(`combineHooks: two hooks give ${what} for tier "${tier}"`);
      }
      target[tier] = value;
    }
  };
  for (const set of sets) {
    for (const [tier, gate] of Object.entries(set.admission ?? {})) {
      admission[tier] = admission[tier] ? chainGates(admission[tier], gate) : gate;
    }
    perTier(queuePolicy, set.queuePolicy, "queuePolicy");
    perTier(shedding, set.shedding, "shedding");
    single("citizenGate", set.citizenGate);
    single("clientBreaker", set.clientBreaker);
    if (set.honourRetryAfter !== undefined) {
      combined.honourRetryAfter = Math.max(combined.honourRetryAfter ?? 0, set.honourRetryAfter);
    }
  }
  const starts = sets.flatMap((set) => (set.onStart ? [set] : []));
  const successes = sets.flatMap((set) => (set.onSuccess ? [set] : []));
  const giveUps = sets.flatMap((set) => (set.onGiveUp ? [set] : []));
  if (Object.keys(admission).length > 0) combined.admission = admission;
  if (Object.keys(queuePolicy).length > 0) combined.queuePolicy = queuePolicy;
  if (Object.keys(shedding).length > 0) combined.shedding = shedding;
  if (starts.length > 0) {
    combined.onStart = (control) => starts.forEach((set) => set.onStart!(control));
  }
  if (successes.length > 0) {
    combined.onSuccess = (now, citizen, persistenceClass) => {
      for (const set of successes) set.onSuccess!(now, citizen, persistenceClass);
    };
  }
  if (giveUps.length > 0) {
    combined.onGiveUp = (now, citizen, persistenceClass) => {
      for (const set of giveUps) set.onGiveUp!(now, citizen, persistenceClass);
    };
  }
  return combined;
}

/** Both gates must admit; a request the second refuses gives its permit back to the first. */
function chainGates(first: AdmissionGate, second: AdmissionGate): AdmissionGate {
  return {
    admit(now: number, tier: number): boolean {
      if (!first.admit(now, tier)) return false;
      if (second.admit(now, tier)) return true;
      first.release?.(now, tier, 0, false);
      return false;
    },
    release(now: number, tier: number, latencySeconds: number, ok: boolean): void {
      first.release?.(now, tier, latencySeconds, ok);
      second.release?.(now, tier, latencySeconds, ok);
    },
    retryAfter(now: number, tier: number): number {
      return Math.max(first.retryAfter?.(now, tier) ?? 0, second.retryAfter?.(now, tier) ?? 0);
    },
  };
}
