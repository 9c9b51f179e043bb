/**
 * Citizens in front of the service: the chain of citizen gates (staggered windows, then the
 * waiting room, in registry order) an arriving citizen passes before the journey starts;
 * citizens held by a gate; and the expiry of an admission (a waiting-room token running out)
 * that stops a journey at the client's next step and holds the citizen again.
 *
 * @module
 */
import type { CitizenGate } from "../hooks.ts";
import type { RunMetrics } from "../metrics/run_metrics.ts";
import type { CitizenTable } from "./citizen_table.ts";
import { OUTCOME_GAVE_UP } from "../outcomes.ts";
import type { SessionTable } from "./session_table.ts";

/** Options of {@link CitizenAdmission}. */
export interface CitizenAdmissionOptions {
  /** The citizens. */
  citizens: CitizenTable;
  /** The sessions. */
  sessions: SessionTable;
  /** The run's metrics (held citizens). */
  metrics: RunMetrics;
  /** Simulated time now, seconds. */
  now(): number;
  /** Starts a citizen's journey. */
  startJourney(citizen: number, arrivedAt: number): void;
  /** Frees a session's slot. */
  freeSession(session: number): void;
  /** Called when a held citizen gives up for good. */
  onGiveUp?(now: number, citizen: number, persistenceClass: number): void;
}

/** The gates in front of the service and the citizens they hold. */
export class CitizenAdmission {
  private readonly stages: CitizenGate[] = [];
  private readonly options: CitizenAdmissionOptions;
  private held = 0;

  /** Creates the admission (see {@link CitizenAdmissionOptions}). */
  constructor(options: CitizenAdmissionOptions) {
    this.options = options;
  }

  /** Adds a gate as the next stage; returns the function that lets a held citizen through. */
  addStage(gate: CitizenGate): (citizen: number) => void {
    const stage = this.stages.length;
    this.stages.push(gate);
    return (citizen: number) => this.pass(stage, citizen);
  }

  /** True when some gate stands in front of the service. */
  get gated(): boolean {
    return this.stages.length > 0;
  }

  /** Citizens held now. */
  get heldCitizens(): number {
    return this.held;
  }

  /** A citizen arrives: through the gates, or held by one. */
  arrive(citizen: number): void {
    this.enterStage(0, citizen);
  }

  private enterStage(stage: number, citizen: number): void {
    const now = this.options.now();
    const citizens = this.options.citizens;
    for (let index = stage; index < this.stages.length; index++) {
      if (!this.stages[index].arrive(now, citizen, citizens.clientClass[citizen])) {
        if (citizens.held[citizen] === 0) this.hold(citizen, 1);
        return;
      }
    }
    if (citizens.held[citizen] === 1) this.hold(citizen, -1);
    this.options.startJourney(citizen, citizens.arrival[citizen]);
  }

  private hold(citizen: number, delta: number): void {
    this.options.citizens.held[citizen] = delta > 0 ? 1 : 0;
    this.held += delta;
    this.options.metrics.held.set(this.options.now(), this.held);
  }

  /** Gate `stage` lets `citizen` through (to the next gate, or into the service). */
  private pass(stage: number, citizen: number): void {
    const citizens = this.options.citizens;
    if (citizen < 0 || citizen >= citizens.count) return;
    if (citizens.held[citizen] !== 1) {
      // Not held: an expired citizen admitted again before the expiry took effect.
      const session = citizens.session[citizen];
      if (session >= 0 && this.options.sessions.expired(session) === 1) {
        citizens.readmit[citizen] = 1;
      }
      return;
    }
    this.enterStage(stage + 1, citizen);
  }

  /** Lets a held citizen through every remaining gate into the service (ignored if not held). */
  admit(citizen: number): void {
    this.pass(this.stages.length - 1, citizen);
  }

  /** A held citizen gives up for good (ignored if not held). */
  abandon(citizen: number): void {
    const citizens = this.options.citizens;
    if (citizen < 0 || citizen >= citizens.count || citizens.held[citizen] !== 1) return;
    this.hold(citizen, -1);
    citizens.outcome[citizen] = OUTCOME_GAVE_UP;
    this.options.onGiveUp?.(this.options.now(), citizen, citizens.clientClass[citizen]);
  }

  /** A citizen's admission ran out: the journey stops at the client's next step. */
  expire(citizen: number): void {
    const citizens = this.options.citizens;
    if (citizen < 0 || citizen >= citizens.count) return;
    const session = citizens.session[citizen];
    if (session >= 0) this.options.sessions.setExpired(session, 1);
  }

  /** Applies a pending expiry at a client step; true when the session has ended. */
  ended(session: number): boolean {
    const sessions = this.options.sessions;
    if (sessions.expired(session) === 0) return false;
    const citizens = this.options.citizens;
    const citizen = sessions.citizen(session);
    this.options.freeSession(session);
    if (citizens.readmit[citizen] === 1) {
      citizens.readmit[citizen] = 0;
      this.options.startJourney(citizen, citizens.arrival[citizen]);
      return true;
    }
    this.hold(citizen, 1); // held again by the last gate (the waiting room re-queued it)
    return true;
  }
}
