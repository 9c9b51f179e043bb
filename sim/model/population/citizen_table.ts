/**
 * Every citizen who arrived, in arrival order (the citizen's id is its arrival index): one
 * byte of outcome and one of persistence class each, plus what a citizen gate needs (arrival
 * time, held flag) when the scenario has one. Memory grows with the citizens, a few bytes each.
 *
 * @module
 */
import { grown } from "./grow.ts";

/** Outcome: still on the way (or held) at the end of the run. */
export const OUTCOME_STILL_TRYING = 0;
/** Outcome: completed the journey. */
export const OUTCOME_SUCCEEDED = 1;
/** Outcome: gave up for good. */
export const OUTCOME_GAVE_UP = 2;

/** The citizen-outcome labels, indexed by the OUTCOME_* codes. */
export const CITIZEN_OUTCOMES = ["still_trying", "succeeded", "gave_up"] as const;
/** A citizen outcome of the model (without a budget). */
export type CitizenOutcome = typeof CITIZEN_OUTCOMES[number];

/** Struct-of-arrays table of citizens. */
export class CitizenTable {
  /** OUTCOME_* per citizen. */
  outcome = new Uint8Array(4096);
  /** Persistence class per citizen. */
  clientClass = new Uint8Array(4096);
  /** Session of each citizen on the way, −1 otherwise. */
  session = new Int32Array(4096).fill(-1);
  /** Arrival time per citizen, seconds. */
  arrival = new Float64Array(4096);
  /** 1 while a citizen gate holds the citizen. */
  held = new Uint8Array(4096);
  /** 1 when an expired citizen was admitted again before the expiry took effect. */
  readmit = new Uint8Array(4096);
  /** Citizens who arrived. */
  count = 0;

  /** Adds a citizen; returns its id. */
  add(arrival: number, clientClass: number): number {
    const citizen = this.count++;
    if (citizen === this.outcome.length) {
      const size = citizen * 2;
      this.outcome = grown(this.outcome, size);
      this.clientClass = grown(this.clientClass, size);
      this.session = grown(this.session, size, -1);
      this.arrival = grown(this.arrival, size);
      this.held = grown(this.held, size);
      this.readmit = grown(this.readmit, size);
    }
    this.arrival[citizen] = arrival;
    this.clientClass[citizen] = clientClass;
    this.outcome[citizen] = OUTCOME_STILL_TRYING;
    return citizen;
  }
}
