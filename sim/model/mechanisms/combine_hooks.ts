/**
 * Combining the hooks of several mechanisms into the one set the model reads.
 *
 * @module
 */
import type { AdmissionGate, LoadShedder, ModelHooks, QueuePolicy } from "../hooks.ts";

/**
 * Combines several hook sets: admission gates are merged (two gates for the same tier are
 * chained: both must admit, and both are released); `onStart`, `onSuccess` and `onGiveUp` are
 * called in order; `honourRetryAfter` is the largest given. A tier can have one queue policy
 * and one shedder, and the run one citizen gate and one client breaker: two are an error.
 */
export function combineHookSets(sets: readonly ModelHooks[]): ModelHooks {
  const admission: Record<string, AdmissionGate> = {};
  const queuePolicy: Record<string, QueuePolicy> = {};
  const shedding: Record<string, LoadShedder> = {};
  const combined: ModelHooks = {};
  const single = <K extends "citizenGate">(key: K, value: ModelHooks[K]) => {
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
    if (set.limiters) combined.limiters = [...(combined.limiters ?? []), ...set.limiters];
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

/**
 * Both gates must admit, asked in build (registry) order: the token bucket before the
 * concurrency limit. A request the second refuses is handed to the first's `release`, if it has
 * one; the token bucket has none, so a request the concurrency limit refuses has spent its token,
 * as behind an edge rate limiter (Envoy's local rate limit filter takes the token when the
 * request passes it; a later filter's 503 does not give it back).
 */
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
