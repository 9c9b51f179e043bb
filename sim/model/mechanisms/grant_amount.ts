/**
 * The grant per successful applicant: fixed, or drawn from a distribution.
 *
 * - `fixed`: every grant is `euro` (Bonus Terme: up to 200 €, modelled as 200 €).
 * - `uniform`: uniform between `minEuro` and `maxEuro`.
 * - `capped-share`: `share × spend`, capped at `capEuro`, where the citizen's spend is
 *   log-normal with median `medianSpendEuro` and log-sd `spendLogSd` (bonus mobilità: 60 % of
 *   the purchase, up to 500 €; Christmas cashback: 10 % of spending, up to 150 €).
 *
 * @module
 */
import type { RandomStream } from "../../engine/mod.ts";
import { requireInRange, requireNonNegative, requirePositive } from "./option_checks.ts";

/** How grants are sized. */
export type GrantAmount =
  | { kind: "fixed"; euro: number }
  | { kind: "uniform"; minEuro: number; maxEuro: number }
  | {
    kind: "capped-share";
    share: number;
    capEuro: number;
    medianSpendEuro: number;
    spendLogSd: number;
  };

/** Largest possible grant, euro. */
export function maximumGrant(amount: GrantAmount): number {
  switch (amount.kind) {
    case "fixed":
      return amount.euro;
    case "uniform":
      return amount.maxEuro;
    case "capped-share":
      return amount.capEuro;
  }
}

/**
 * A sampler of grant amounts in euro (rounded to the cent, at least 0.01 €). Create once,
 * call per grant.
 */
export function grantAmountSampler(amount: GrantAmount, random?: RandomStream): () => number {
  const cents = (euro: number) => Math.max(0.01, Math.round(euro * 100) / 100);
  switch (amount.kind) {
    case "fixed": {
      const euro = cents(requirePositive("grant.euro", amount.euro));
      return () => euro;
    }
    case "uniform": {
      requireNonNegative("grant.minEuro", amount.minEuro);
      requirePositive("grant.maxEuro", amount.maxEuro);
      if (amount.maxEuro < amount.minEuro) {
        throw new RangeError(
          `grant.maxEuro (${amount.maxEuro}) must be >= grant.minEuro (${amount.minEuro})`,
        );
      }
      const draw = requireRandom(random, amount.kind).uniform(amount.minEuro, amount.maxEuro);
      return () => cents(draw());
    }
    case "capped-share": {
      requireInRange("grant.share", amount.share, 0, 1);
      const cap = requirePositive("grant.capEuro", amount.capEuro);
      const share = amount.share;
      const spend = requireRandom(random, amount.kind).logNormal(
        Math.log(requirePositive("grant.medianSpendEuro", amount.medianSpendEuro)),
        requireNonNegative("grant.spendLogSd", amount.spendLogSd),
      );
      return () => cents(Math.min(cap, share * spend()));
    }
    default:
      throw new RangeError(
        `grant.kind must be "fixed", "uniform" or "capped-share", got ${
          JSON.stringify((amount as { kind: unknown }).kind)
        }`,
      );
  }
}

function requireRandom(random: RandomStream | undefined, kind: string): RandomStream {
  if (!random) throw new RangeError(`grant kind "${kind}" needs a random stream`);
  return random;
}
