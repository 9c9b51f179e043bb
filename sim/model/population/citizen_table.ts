/**
 * Every citizen who arrived, in arrival order (the citizen's id is its arrival index): one
 * byte of outcome and one of persistence class each, plus what a citizen gate needs (arrival
 * time, held flag) when the scenario has one. Memory grows with the citizens, a few bytes each.
 *
 * @module
 */
import { grown } from "../../engine/mod.ts";

import { OUTCOME_STILL_TRYING } from "../outcomes.ts";

/** Struct-of-arrays table of citizens. */
export class CitizenTable {
  /** OUTCOME_* per citizen. */
  outcome: Uint8Array;
  /** Persistence class per citizen. */
  clientClass: Uint8Array;
  /** Session of each citizen on the way, −1 otherwise. */
  session: Int32Array;
  /** Arrival time per citizen, seconds. */
  arrival: Float64Array;
  /** 1 while a citizen gate holds the citizen. */
  held: Uint8Array;
  /** 1 when an expired citizen was admitted again before the expiry took effect. */
  readmit: Uint8Array;
  /** Citizens who arrived. */
  count = 0;

  /**
   * Creates a table with room for `capacity` citizens (it doubles when full). Sizing it for
   * the run's expected arrivals up front spares the copies of growing a large table; columns a
   * run never writes (`held`, `readmit` without a citizen gate) then cost no memory, since
   * fresh pages are only mapped when first written.
   */
  constructor(capacity = 4096) {
    const size = Math.max(16, Math.ceil(capacity));
    this.outcome = new Uint8Array(size);
    this.clientClass = new Uint8Array(size);
    this.session = new Int32Array(size);
    this.arrival = new Float64Array(size);
    this.held = new Uint8Array(size);
    this.readmit = new Uint8Array(size);
  }

  /** Adds a citizen; returns its id. */
  add(arrival: number, clientClass: number): number {
    const citizen = this.count++;
    if (citizen === this.outcome.length) {
      const size = citizen * 2;
      this.outcome = grown(this.outcome, size);
      this.clientClass = grown(this.clientClass, size);
      this.session = grown(this.session, size);
      this.arrival = grown(this.arrival, size);
      this.held = grown(this.held, size);
      this.readmit = grown(this.readmit, size);
    }
    this.arrival[citizen] = arrival;
    this.clientClass[citizen] = clientClass;
    this.outcome[citizen] = OUTCOME_STILL_TRYING;
    this.session[citizen] = -1;
    return citizen;
  }
}
