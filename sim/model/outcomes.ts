/**
 * The citizen-outcome vocabularies, defined once. A run without a budget reports each citizen
 * as still trying, succeeded or gave up ({@link CitizenOutcomeSchema}); a run with a budget
 * reports funded, denied for lack of budget or failed for technical reasons
 * ({@link BudgetOutcomeSchema}). The per-citizen tables store an outcome as its index in the
 * enum's options (the `*_CODE` constants below); the output tables use the labels.
 *
 * @module
 */
import { z } from "npm:zod@4.6.7";

/** A citizen's outcome in a run without a budget. */
export const CitizenOutcomeSchema = z.enum(["still_trying", "succeeded", "gave_up"]);
/** A citizen outcome of the model (without a budget). */
export type CitizenOutcome = z.infer<typeof CitizenOutcomeSchema>;
/** The citizen-outcome labels, indexed by the `OUTCOME_*` codes. */
export const CITIZEN_OUTCOMES: readonly CitizenOutcome[] = CitizenOutcomeSchema.options;

/** Outcome code: still on the way (or held) at the end of the run. */
export const OUTCOME_STILL_TRYING: number = CITIZEN_OUTCOMES.indexOf("still_trying");
/** Outcome code: completed the journey. */
export const OUTCOME_SUCCEEDED: number = CITIZEN_OUTCOMES.indexOf("succeeded");
/** Outcome code: gave up for good. */
export const OUTCOME_GAVE_UP: number = CITIZEN_OUTCOMES.indexOf("gave_up");

/** A citizen's outcome in a run with a budget. */
export const BudgetOutcomeSchema = z.enum([
  "funded",
  "denied_budget",
  "denied_closed",
  "failed_technical",
]);
/** A citizen outcome under a budget. */
export type BudgetOutcome = z.infer<typeof BudgetOutcomeSchema>;
/** The budget-outcome labels, indexed by the `CITIZEN_*` codes. */
export const BUDGET_OUTCOMES: readonly BudgetOutcome[] = BudgetOutcomeSchema.options;

/** Budget outcome code: funded. */
export const CITIZEN_FUNDED: number = BUDGET_OUTCOMES.indexOf("funded");
/** Budget outcome code: submitted in time but denied because the budget ran out. */
export const CITIZEN_DENIED_BUDGET: number = BUDGET_OUTCOMES.indexOf("denied_budget");
/**
 * Budget outcome code: got an application through only outside its window — before the
 * allocation opened (`opens_seconds`), after a lottery's or ranking's registration closed, or
 * after the citizen's cohort window closed under staggered shares (whatever money was left).
 */
export const CITIZEN_DENIED_CLOSED: number = BUDGET_OUTCOMES.indexOf("denied_closed");
/** Budget outcome code: tried but never got an application through (gave up, or still trying). */
export const CITIZEN_FAILED_TECHNICAL: number = BUDGET_OUTCOMES.indexOf("failed_technical");
/**
 * Code for a citizen who never tried (not part of the demand): past the budget-outcome labels,
 * so the outcome tables never count such a citizen.
 */
export const CITIZEN_DID_NOT_TRY: number = BUDGET_OUTCOMES.length;
