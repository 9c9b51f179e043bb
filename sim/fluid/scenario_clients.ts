/**
 * A persistence class's client, reduced to the fluid model's rates and probabilities (times
 * in seconds, rates per second):
 *
 * - **Attempt limit → a per-failure hazard after the first retry.** A client gives up an
 *   operation with probability g after each failure and makes at most N attempts. Its first
 *   retry is kept exact (a failed first attempt is retried with probability 1 − g when N ≥ 2);
 *   a failed retry is retried with the constant probability r = 1 − 1/E, E = Σ_{a<N−1}
 *   (1 − g)^a the mean number of attempts 2..N when all of them fail, so a geometric count
 *   has the right mean in a storm and the first retry — the common one when only some
 *   attempts fail — is right whatever the failure rate.
 * - **Retry delays → their means.** Jitter `full` halves a nominal delay, `equal` takes 3/4 of
 *   it; exponential backoff keeps its first delay and averages min(cap, base·m^(n−1)) over
 *   the later retries n = 2..N−1, weighted by the chance (1 − g)^n of reaching each.
 * - **Reloads → a hazard.** An attempt gets a reload timer with probability p, firing after
 *   an exponential time of mean m if the client still waits (and before its timeout τ): the
 *   fluid model lets a waiting client reload at the constant rate that gives a client waiting
 *   its whole timeout the same chance p(1 − e^{−τ/m}) (`reloadHazard` in `scenario_layout.ts`);
 *   the old request stays, orphaned, and a new attempt is sent.
 *
 * @module
 */
import { type Client, distributionMean } from "../model/mod.ts";

/**
 * Shortest retry delay the fluid model integrates, seconds: a shorter delay (an immediate
 * retry, a 1-s fixed one) is integrated as this — it only changes how the orbit relaxes within
 * a few seconds, not the retry flow (r × failures) — and the orbit's level is reported at the
 * true delay (Little's law: flow × delay). Shorter delays would make the equations stiff and
 * the explicit integrator take steps of a second through a 72-hour incident.
 */
export const SHORTEST_RETRY_DELAY = 2.5;

/** A persistence class's client, reduced to the fluid model's rates and probabilities. */
export interface FluidClientClass {
  /** Class name. */
  name: string;
  /** Share of the arriving citizens (normalised). */
  share: number;
  /** τ, end-to-end timeout, seconds (Infinity: waits forever). */
  timeout: number;
  /** Probability a failed first attempt (of an operation, or after coming back) is retried. */
  firstRetryProbability: number;
  /** r, probability a failed retry is retried again (the attempt limit as a hazard). */
  laterRetryProbability: number;
  /** Mean delay before the first retry, seconds. */
  firstRetryDelay: number;
  /** Mean delay before a later retry, seconds. */
  laterRetryDelay: number;
  /** Probability that a session which stops retrying comes back later. */
  comeBackProbability: number;
  /** Mean delay before coming back, seconds. */
  comeBackDelay: number;
  /** p, probability that an attempt gets a reload timer. */
  reloadProbability: number;
  /** m, mean (exponential) time before that reload, seconds. */
  reloadPatience: number;
}

const KNOWN_CLIENT = new Set([
  "timeout_seconds",
  "patience",
  "balking",
  "retry",
  "reload",
  "give_up_probability",
  "come_back",
]);

/** Mean attempts when every attempt fails: Σ_{a<N} (1 − g)^a. */
function meanAttempts(maxAttempts: number, giveUp: number): number {
  if (giveUp <= 0) return maxAttempts;
  return (1 - (1 - giveUp) ** maxAttempts) / giveUp;
}

/** Mean delays before the first and the later retries of a retry policy, seconds. */
function retryDelays(retry: Client["retry"], maxAttempts: number, giveUp: number): {
  first: number;
  later: number;
} {
  const jitter = (kind: string) => (kind === "full" ? 0.5 : kind === "equal" ? 0.75 : 1);
  switch (retry.kind) {
    case "none":
    case "immediate":
      return { first: 0, later: 0 };
    case "fixed": {
      const d = retry.jitter === "decorrelated"
        ? Math.min(retry.cap_seconds, 2 * retry.delay_seconds)
        : retry.delay_seconds * jitter(retry.jitter);
      return { first: d, later: d };
    }
    case "exponential": {
      const nominal = (n: number) =>
        Math.min(retry.cap_seconds, retry.delay_seconds * retry.multiplier ** (n - 1));
      const factor = jitter(retry.jitter);
      let weighted = 0;
      let total = 0;
      for (let n = 2; n < maxAttempts; n++) {
        const weight = (1 - giveUp) ** n;
        weighted += weight * nominal(n) * factor;
        total += weight;
      }
      const first = nominal(1) * factor;
      return { first, later: total > 0 ? weighted / total : first };
    }
    case "random": {
      const mean = distributionMean(retry.delay);
      return { first: mean, later: mean };
    }
  }
}

/** Reduces a class's client (see the module comment). */
export function compileClass(
  client: Client,
  name: string,
  share: number,
  approximated: string[],
  unsupported: string[],
): FluidClientClass {
  const label = `class ${name}`;
  const retry = client.retry;
  const giveUp = client.give_up_probability;
  const maxAttempts = retry.kind === "none" ? 1 : retry.max_attempts;
  const retries = retry.kind !== "none" && maxAttempts > 1;
  // A failed first attempt is retried unless the client gives up (exact); a failed retry
  // with the probability whose geometric count has the mean of attempts 2..N when all fail.
  const firstRetryProbability = retries ? 1 - giveUp : 0;
  const laterRetryProbability = retries ? 1 - 1 / meanAttempts(maxAttempts - 1, giveUp) : 0;
  const delays = retryDelays(retry, maxAttempts, giveUp);
  if (retries && maxAttempts > 2) {
    approximated.push(
      `${label}: at most ${maxAttempts} attempts as a retry probability ` +
        `${+laterRetryProbability.toPrecision(4)} per failed retry (first retry exact)`,
    );
  }
  if (retries && retry.kind === "exponential" && maxAttempts > 2) {
    approximated.push(
      `${label}: exponential backoff after the first retry at its mean delay ` +
        `${+delays.later.toPrecision(3)} s`,
    );
  }
  if (retries && Math.min(delays.first, delays.later) < SHORTEST_RETRY_DELAY) {
    approximated.push(
      `${label}: retry delays below ${SHORTEST_RETRY_DELAY} s integrated as ` +
        `${SHORTEST_RETRY_DELAY} s (orbit level reported at the true delay)`,
    );
  }
  if (retry.kind !== "none" && retry.max_retries_total !== undefined) {
    unsupported.push(`${label}: max_retries_total is not modelled`);
  }
  let timeout = client.timeout_seconds ?? Infinity;
  if (client.patience) {
    if (client.patience.scope === "end_to_end") {
      timeout = distributionMean(client.patience.distribution);
      approximated.push(`${label}: end-to-end patience as a fixed timeout at its mean`);
    } else unsupported.push(`${label}: queue-scope patience (reneging) is not modelled`);
  }
  if (client.balking) unsupported.push(`${label}: balking is not modelled`);
  if (client.reload.probability > 0) {
    approximated.push(`${label}: reloads as a constant hazard on waiting clients`);
  }
  for (const [key, value] of Object.entries(client)) {
    if (!KNOWN_CLIENT.has(key) && value !== null && value !== undefined) {
      unsupported.push(`${label}: client mechanism ${key} is not modelled`);
    }
  }
  return {
    name,
    share,
    timeout,
    firstRetryProbability,
    laterRetryProbability,
    firstRetryDelay: delays.first,
    laterRetryDelay: delays.later,
    comeBackProbability: client.come_back.probability,
    comeBackDelay: client.come_back.delay_seconds,
    reloadProbability: client.reload.probability,
    reloadPatience: client.reload.patience_mean_seconds,
  };
}
