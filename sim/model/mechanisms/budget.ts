/**
 * Mechanism `budget`: the bonus budget and its allocation rule. A citizen who completes the
 * journey submits an application asking for a grant; the rule (`fcfs`, `lottery`, `ranking`,
 * `staggered-shares`) decides who is funded while the budget lasts. The citizens' outcomes
 * become funded / denied for lack of budget / failed for technical reasons, with fairness
 * across arrival deciles and persistence classes. `budget_exhausted_at_s` is the first denial for
 * lack of money (see `Budget.exhaustedAt`): with grants that vary per citizen, smaller grants can
 * still be paid from the remainder (less than one largest grant) after it.
 *
 * @module
 */
import { z } from "npm:zod@4.6.7";
import {
  anyNumber,
  nonNegativeNumber,
  positiveNumber,
  probability,
} from "../../scenario/numbers.ts";
import { BinnedLevel } from "../../engine/mod.ts";
import { Allocation, OUTCOME_FUNDED } from "./allocation.ts";
import { Budget } from "./budget_account.ts";
import { type GrantAmount, grantAmountSampler } from "./grant_amount.ts";
import { citizenOutcome, groupFairness } from "./fairness.ts";
import type { CapacityControl } from "../hooks.ts";
import { defineMechanism } from "./mechanism.ts";
import {
  BUDGET_OUTCOMES,
  CITIZEN_DENIED_BUDGET,
  CITIZEN_DENIED_CLOSED,
  CITIZEN_FAILED_TECHNICAL,
  CITIZEN_FUNDED,
} from "../outcomes.ts";

/** An amount of money, euro: at least one cent (the budget is kept in cents). */
const euro = (role: "money" | "unscaled") =>
  positiveNumber(role).refine((value) => value >= 0.01, {
    error: "is less than one cent (amounts are at least 0.01 euro)",
  }).refine(wholeCents, { error: WHOLE_CENTS });

/** True for an amount of euro in whole cents (within floating-point rounding). */
function wholeCents(euro: number): boolean {
  const cents = euro * 100;
  return Math.abs(cents - Math.round(cents)) <= 1e-9 * Math.max(1, Math.abs(cents));
}
const WHOLE_CENTS = "is not a whole number of cents (money is paid in cents, e.g. 10.05)";

/** Grant per successful applicant. */
export const GrantSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("fixed"), euro: euro("unscaled") }),
  z.strictObject({
    kind: z.literal("uniform"),
    min_euro: nonNegativeNumber("unscaled").refine(wholeCents, { error: WHOLE_CENTS }),
    max_euro: euro("unscaled"),
  }).refine((value) => value.min_euro <= value.max_euro, { error: "needs min_euro <= max_euro" }),
  z.strictObject({
    kind: z.literal("capped-share"),
    share: probability().refine((value) => value > 0, {
      error: "is 0: a refund of nothing; allowed: a share of the spend in (0, 1]",
    }).describe("Share of the spend refunded"),
    cap_euro: euro("unscaled"),
    median_spend_euro: positiveNumber("unscaled"),
    spend_log_sd: nonNegativeNumber("unscaled"),
  }),
], { error: "is not a grant (kind fixed, uniform or capped-share)" });

/** The allocation rule. */
export const AllocationSchema = z.strictObject({
  rule: z.enum(["fcfs", "lottery", "ranking", "staggered-shares"], {
    error: "is not one of fcfs, lottery, ranking, staggered-shares",
  }),
  opens_seconds: nonNegativeNumber("time").optional().describe(
    "When the allocation starts taking applications, seconds; one completed earlier is refused " +
      "as outside the window (denied_closed), whatever money is left. Absent: from the start",
  ),
  registration_close_seconds: anyNumber("time").optional().describe(
    "Lottery and ranking: when the registration window closes and the draw is made, seconds " +
      "(one after the end of the run, e.g. of a shortened horizon, is drawn at the end)",
  ),
  shares: z.array(probability()).min(1).max(1000).optional().describe(
    "Staggered shares: share of the budget per cohort, summing to at most 1",
  ),
  rollover: z.boolean().default(true).describe(
    "Staggered shares: a cohort's unspent share passes to the next cohort when its window closes",
  ),
}).refine(
  (value) =>
    (value.rule !== "lottery" && value.rule !== "ranking") ||
    value.registration_close_seconds !== undefined,
  { error: "lottery and ranking need registration_close_seconds" },
).refine((value) => value.rule !== "staggered-shares" || value.shares !== undefined, {
  error: "staggered-shares needs shares",
}).refine(
  (value) => (value.shares ?? []).reduce((sum, share) => sum + share, 0) <= 1 + 1e-9,
  { error: "shares must sum to at most 1" },
).superRefine((value, context) => {
  // A field the rule does not read would silently change nothing: refused.
  const drawn = value.rule === "lottery" || value.rule === "ranking";
  if (!drawn && value.registration_close_seconds !== undefined) {
    context.addIssue({
      code: "custom",
      path: ["registration_close_seconds"],
      input: value.registration_close_seconds,
      message: `is read only by the lottery and ranking rules, not ${value.rule}`,
    });
  }
  const close = value.registration_close_seconds;
  const opens = value.opens_seconds;
  if (drawn && close !== undefined && opens !== undefined && !(opens < close)) {
    context.addIssue({
      code: "custom",
      path: ["opens_seconds"],
      input: opens,
      message: `is not before registration_close_seconds (${close}); allowed: an opening ` +
        "before the registration closes",
    });
  }
  if (value.rule !== "staggered-shares" && value.shares !== undefined) {
    context.addIssue({
      code: "custom",
      path: ["shares"],
      input: value.shares,
      message: `is read only by the staggered-shares rule, not ${value.rule}`,
    });
  }
});

/** The bonus budget (with the allocation rule, FCFS when absent). */
export const BudgetSchema = z.strictObject({
  total_euro: euro("money").describe("The whole budget, euro (at least one cent)"),
  grant: GrantSchema,
  allocation: AllocationSchema.optional().describe("Who is funded; absent: fcfs"),
});

/** Parsed grant options. */
export type GrantConfig = z.output<typeof GrantSchema>;

/** Grant description (see `budget_amount.ts`) from parsed scenario options. */
export function toGrantAmount(config: GrantConfig): GrantAmount {
  switch (config.kind) {
    case "fixed":
      return { kind: "fixed", euro: config.euro };
    case "uniform":
      return { kind: "uniform", minEuro: config.min_euro, maxEuro: config.max_euro };
    case "capped-share":
      return {
        kind: "capped-share",
        share: config.share,
        capEuro: config.cap_euro,
        medianSpendEuro: config.median_spend_euro,
        spendLogSd: config.spend_log_sd,
      };
  }
}

/** The budget mechanism. */
export const budget = defineMechanism({
  key: "budget",
  place: "section",
  description: "Bonus budget: completing the journey submits an application to the allocation rule",
  schema: BudgetSchema,
  build(config, context) {
    const rule = config.allocation?.rule ?? "fcfs";
    const opens = config.allocation?.opens_seconds ?? 0;
    const grant = toGrantAmount(config.grant);
    const grantEuro = grantAmountSampler(grant, context.stream("grant"));
    const score = context.stream("ranking").random;
    const remaining: BinnedLevel = context.level();
    const shared = context.shared;
    let allocation: Allocation;
    let money: Budget;
    return {
      hooks: {
        onStart(control: CapacityControl): void {
          const now = control.now;
          money = new Budget(control.environment, {
            totalEuro: config.total_euro,
            minimumGrantEuro: grant.kind === "fixed" ? grant.euro : undefined,
          });
          allocation = new Allocation({
            rule,
            citizens: 4096,
            budget: money,
            random: context.stream("lottery"),
            cohortOf: (citizen) => shared.cohortOf?.(citizen) ?? 0,
            shares: config.allocation?.shares,
          });
          remaining.set(now, money.remaining);
          const close = config.allocation?.registration_close_seconds;
          if ((rule === "lottery" || rule === "ranking") && close !== undefined) {
            control.schedule(Math.max(0, close - now), () => {
              allocation.close(control.now);
              remaining.set(control.now, money.remaining);
            });
          }
          if (rule === "staggered-shares") {
            const rollover = config.allocation!.rollover;
            (shared.cohortClosings ?? []).forEach((closing, cohort) => {
              if (Number.isFinite(closing)) {
                control.schedule(Math.max(0, closing - now), (c) => {
                  allocation.closeCohort(c, control.now, c + 1, rollover);
                }, cohort);
              }
            });
          }
        },
        onSuccess(now: number, citizen: number): void {
          if (now < opens) {
            allocation.refuseEarly(citizen, now);
            return;
          }
          allocation.submit(citizen, now, grantEuro(), score());
          remaining.set(now, money.remaining);
        },
      },
      finish({ now, citizens, citizenClass, classes }) {
        if (!allocation.closed && (rule === "lottery" || rule === "ranking")) {
          allocation.close(now); // the registration window outlasts the run: draw at the end
          remaining.set(now, money.remaining);
        }
        const outcome = new Uint8Array(citizens);
        const funded = new Uint8Array(citizens);
        const decile = new Int32Array(citizens);
        const counts = BUDGET_OUTCOMES.map(() => 0);
        for (let citizen = 0; citizen < citizens; citizen++) {
          const code = allocation.outcome(citizen);
          outcome[citizen] = citizenOutcome(code, true); // every citizen here arrived to apply
          funded[citizen] = code === OUTCOME_FUNDED ? 1 : 0;
          decile[citizen] = Math.min(9, Math.floor((10 * citizen) / citizens));
          counts[outcome[citizen]]++;
        }
        const fairness = (groupOf: ArrayLike<number>, groups: number) =>
          citizens === 0 || counts[CITIZEN_FUNDED] === 0
            ? { jain: NaN, gini: NaN }
            : groupFairness(groupOf, funded, groups);
        const byDecile = fairness(decile, 10);
        const byPersistence = fairness(citizenClass.subarray(0, citizens), classes);
        return {
          summaries: {
            funded: counts[CITIZEN_FUNDED],
            denied_budget: counts[CITIZEN_DENIED_BUDGET],
            denied_closed: counts[CITIZEN_DENIED_CLOSED],
            failed_technical: counts[CITIZEN_FAILED_TECHNICAL],
            funded_share: citizens > 0 ? counts[CITIZEN_FUNDED] / citizens : NaN,
            technical_failure_share: citizens > 0
              ? counts[CITIZEN_FAILED_TECHNICAL] / citizens
              : NaN,
            budget_exhausted_at_s: money.exhaustedAt,
            budget_total_euro: config.total_euro,
            fairness_jain: byDecile.jain,
            fairness_gini: byDecile.gini,
            fairness_jain_persistence: byPersistence.jain,
            fairness_gini_persistence: byPersistence.gini,
          },
          series: [{ metric: "budget_remaining_euro", values: remaining.means(now) }],
          outcomes: { labels: BUDGET_OUTCOMES, perCitizen: outcome },
        };
      },
    };
  },
});
