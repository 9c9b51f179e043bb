/**
 * Adapters from the design mechanisms to the click-day model's plug-in points (`hooks.ts`):
 * admission gates from a token bucket or a concurrency limiter, an autoscaler started with
 * the run, the allocation fed by the model's success hook, and a way to combine several.
 *
 * @module
 */
import type { AdmissionGate, CapacityControl, ModelHooks } from "./hooks.ts";
import type { Allocation } from "./allocation.ts";
import { Autoscaler, type AutoscalerOptions } from "./autoscaler.ts";
import type { ConcurrencyLimiter } from "./concurrency_limit.ts";
import type { TokenBucket } from "./token_bucket.ts";

/** An admission gate that lets a request in when the token bucket has a token. */
export function tokenBucketGate(bucket: TokenBucket): AdmissionGate {
  return { admit: (now) => bucket.tryTake(now) };
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
 * Autoscales tier number `tier` of the service; the utilisation is busy ÷ servers
 * (set `scaleOnDemand` to count queued requests as busy, i.e. scale on demand).
 */
export function autoscalerHooks(
  options: AutoscalerOptions,
  tier: number,
  scaleOnDemand = false,
): AutoscalerHooks {
  let autoscaler: Autoscaler | undefined;
  return {
    onStart(control: CapacityControl): void {
      autoscaler = new Autoscaler(control, options, {
        busy: scaleOnDemand
          ? () => control.busy(tier) + control.queueLength(tier)
          : () => control.busy(tier),
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
 * chained: both must admit, and both are released), `onStart` and `onSuccess` are called in order.
 */
export function combineHooks(...sets: ModelHooks[]): ModelHooks {
  const admission: Record<string, AdmissionGate> = {};
  for (const set of sets) {
    for (const [tier, gate] of Object.entries(set.admission ?? {})) {
      admission[tier] = admission[tier] ? chainGates(admission[tier], gate) : gate;
    }
  }
  const starts = sets.flatMap((set) => (set.onStart ? [set] : []));
  const successes = sets.flatMap((set) => (set.onSuccess ? [set] : []));
  const combined: ModelHooks = {};
  if (Object.keys(admission).length > 0) combined.admission = admission;
  if (starts.length > 0) {
    combined.onStart = (control) => starts.forEach((set) => set.onStart!(control));
  }
  if (successes.length > 0) {
    combined.onSuccess = (now, citizen, persistenceClass) => {
      for (const set of successes) set.onSuccess!(now, citizen, persistenceClass);
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
  };
}
