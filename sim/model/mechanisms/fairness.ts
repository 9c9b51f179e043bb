/**
 * Fairness of a bonus allocation, computed over GROUPS of citizens.
 *
 * Jain's index over individual won/lost outcomes equals budget ÷ applicants whatever the rule
 * (with W winners among n applicants, each outcome 1 or 0: (Σx)² ÷ (n Σx²) = W² ÷ (n W) = W ÷ n),
 * so it says nothing about the rule. What does is how the probability
 * of being funded varies between groups: by arrival-order decile, by persistence cohort
 * (how fast and how often a citizen retries), by staggered cohort. This module turns
 * per-citizen outcomes into per-group success rates and applies Jain's index and the Gini
 * coefficient from `sim/stats` to them.
 *
 * @module
 */
import { giniCoefficient, jainIndex } from "../../stats/mod.ts";
import {
  OUTCOME_DENIED_BUDGET,
  OUTCOME_DENIED_CLOSED,
  OUTCOME_FUNDED,
  OUTCOME_NOT_SUBMITTED,
  OUTCOME_PENDING,
} from "./allocation.ts";
import { requireInteger } from "./option_checks.ts";

import {
  CITIZEN_DENIED_BUDGET,
  CITIZEN_DENIED_CLOSED,
  CITIZEN_DID_NOT_TRY,
  CITIZEN_FAILED_TECHNICAL,
  CITIZEN_FUNDED,
} from "../outcomes.ts";

/**
 * A citizen's final outcome from the allocation outcome (`OUTCOME_*` in `allocation.ts`) and
 * whether the citizen tried at all.
 */
export function citizenOutcome(allocationOutcome: number, tried: boolean): number {
  switch (allocationOutcome) {
    case OUTCOME_FUNDED:
      return CITIZEN_FUNDED;
    case OUTCOME_DENIED_BUDGET:
      return CITIZEN_DENIED_BUDGET;
    case OUTCOME_DENIED_CLOSED:
      return CITIZEN_DENIED_CLOSED;
    case OUTCOME_PENDING:
      throw new Error("citizenOutcome: the allocation was not closed (a lottery or ranking)");
    case OUTCOME_NOT_SUBMITTED:
      return tried ? CITIZEN_FAILED_TECHNICAL : CITIZEN_DID_NOT_TRY;
    default:
      throw new RangeError(`unknown allocation outcome ${allocationOutcome}`);
  }
}

/** Success rate and size of each group. */
export interface GroupRates {
  /** Share of the group's members who succeeded, per group (NaN for an empty group). */
  rates: Float64Array;
  /** Members per group. */
  sizes: Float64Array;
}

/**
 * Per-group success rates.
 *
 * @param groupOf group of each citizen (0 … groups − 1; a negative group leaves the citizen out)
 * @param succeeded truthy for each citizen who succeeded (e.g. was funded)
 * @param groups number of groups
 */
export function groupSuccessRates(
  groupOf: ArrayLike<number>,
  succeeded: ArrayLike<number | boolean>,
  groups: number,
): GroupRates {
  requireInteger("groups", groups, 1);
  if (groupOf.length !== succeeded.length) {
    throw new RangeError(
      `groupOf (${groupOf.length}) and succeeded (${succeeded.length}) must have the same length`,
    );
  }
  const sizes = new Float64Array(groups);
  const successes = new Float64Array(groups);
  for (let i = 0; i < groupOf.length; i++) {
    const group = groupOf[i];
    if (group < 0) continue;
    if (!(group < groups) || !Number.isInteger(group)) {
      throw new RangeError(`groupOf[${i}] must be an integer < ${groups}, got ${group}`);
    }
    sizes[group]++;
    if (succeeded[i]) successes[group]++;
  }
  const rates = new Float64Array(groups);
  for (let group = 0; group < groups; group++) rates[group] = successes[group] / sizes[group];
  return { rates, sizes };
}

/** Fairness across groups. */
export interface GroupFairness extends GroupRates {
  /** Jain's index over the non-empty groups' success rates, in [1/groups, 1]. */
  jain: number;
  /** Gini coefficient over the non-empty groups' success rates. */
  gini: number;
}

/** Per-group success rates with Jain's index and the Gini coefficient across groups. */
export function groupFairness(
  groupOf: ArrayLike<number>,
  succeeded: ArrayLike<number | boolean>,
  groups: number,
): GroupFairness {
  const { rates, sizes } = groupSuccessRates(groupOf, succeeded, groups);
  const present = rates.filter((_, group) => sizes[group] > 0);
  if (present.length === 0) throw new RangeError("groupFairness: every group is empty");
  return { rates, sizes, jain: jainIndex(present), gini: giniCoefficient(present) };
}

/**
 * Groups citizens by arrival order: the earliest `1/groups` are group 0 and so on (deciles
 * for 10 groups). Citizens who never arrived (NaN or infinite time) get group −1. Ties keep
 * id order.
 */
export function arrivalOrderGroups(arrivalTimes: ArrayLike<number>, groups = 10): Int32Array {
  requireInteger("groups", groups, 1);
  const ids: number[] = [];
  for (let i = 0; i < arrivalTimes.length; i++) {
    if (Number.isFinite(arrivalTimes[i])) ids.push(i);
  }
  ids.sort((a, b) => arrivalTimes[a] - arrivalTimes[b] || a - b);
  const group = new Int32Array(arrivalTimes.length).fill(-1);
  ids.forEach((id, rank) => group[id] = Math.floor(rank * groups / ids.length));
  return group;
}

/**
 * Share of the citizens who were eligible and in time but were excluded by a technical
 * failure: among citizens with `eligibleInTime` true, the share whose final outcome
 * ({@link citizenOutcome}) is `CITIZEN_FAILED_TECHNICAL`. NaN when nobody qualifies.
 */
export function technicalExclusionShare(
  finalOutcomes: ArrayLike<number>,
  eligibleInTime: ArrayLike<number | boolean>,
): number {
  let eligible = 0;
  let failed = 0;
  for (let i = 0; i < finalOutcomes.length; i++) {
    if (!eligibleInTime[i]) continue;
    eligible++;
    if (finalOutcomes[i] === CITIZEN_FAILED_TECHNICAL) failed++;
  }
  return failed / eligible;
}

/**
 * Kendall-style disorder of funding versus arrival: the share of pairs (i arrived before j)
 * in which j was funded earlier than i, over citizens who were both funded. 0 means funding
 * followed arrival order exactly; about 0.5 means it was unrelated to it.
 */
export function fundingOrderInversions(
  arrivalTimes: ArrayLike<number>,
  fundedAt: ArrayLike<number>,
): number {
  const ids: number[] = [];
  for (let i = 0; i < arrivalTimes.length; i++) {
    if (Number.isFinite(fundedAt[i]) && Number.isFinite(arrivalTimes[i])) ids.push(i);
  }
  ids.sort((a, b) => arrivalTimes[a] - arrivalTimes[b] || a - b);
  // count inversions in the fundedAt sequence by merge sort: O(n log n)
  const values = Float64Array.from(ids, (id) => fundedAt[id]);
  const buffer = new Float64Array(values.length);
  const inversions = countInversions(values, buffer, 0, values.length);
  const pairs = values.length * (values.length - 1) / 2;
  return pairs === 0 ? 0 : inversions / pairs;
}

function countInversions(
  values: Float64Array,
  buffer: Float64Array,
  start: number,
  end: number,
): number {
  if (end - start < 2) return 0;
  const middle = (start + end) >>> 1;
  let count = countInversions(values, buffer, start, middle) +
    countInversions(values, buffer, middle, end);
  let left = start;
  let right = middle;
  let out = start;
  while (left < middle && right < end) {
    if (values[right] < values[left]) {
      count += middle - left;
      buffer[out++] = values[right++];
    } else {
      buffer[out++] = values[left++];
    }
  }
  while (left < middle) buffer[out++] = values[left++];
  while (right < end) buffer[out++] = values[right++];
  values.set(buffer.subarray(start, end), start);
  return count;
}
