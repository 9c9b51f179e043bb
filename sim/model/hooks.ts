/**
 * Plug-in points for mechanisms built apart from the core model (admission control, waiting
 * rooms, autoscaling, budget allocation): the model calls these hooks; the mechanisms call
 * {@link CapacityControl} back.
 *
 * @module
 */

/** Decides, before a tier, whether a request may enter it (token bucket, concurrency limit…). */
export interface AdmissionGate {
  /**
   * True to let the request in, false to reject it (counted as `failed_rejected`).
   *
   * @param now simulated time, seconds.
   * @param tier index of the tier in `service.tiers`.
   */
  admit(now: number, tier: number): boolean;
  /**
   * Optional: told when a request admitted by this gate leaves the tier.
   *
   * @param latencySeconds time from entering the tier to leaving it, seconds.
   * @param ok true when served, false when lost (crash).
   */
  release?(now: number, tier: number, latencySeconds: number, ok: boolean): void;
}

/**
 * Decides, when a citizen arrives, whether the journey starts now or the citizen is held
 * outside the service (a virtual waiting room). A held citizen starts when the gate calls
 * {@link CapacityControl.admitCitizen}, or gives up when it calls
 * {@link CapacityControl.abandonCitizen}.
 */
export interface CitizenGate {
  /**
   * True to let the citizen start the journey now, false to hold them.
   *
   * @param now simulated time, seconds.
   * @param citizen the citizen's id (arrival index, 0-based).
   * @param persistenceClass index into `demand.persistence`.
   */
  arrive(now: number, citizen: number, persistenceClass: number): boolean;
}

/** What a capacity controller (autoscaler, schedule, waiting room) may do to the running model. */
export interface CapacityControl {
  /** Sets a tier's number of servers from now on (queued work is kept). */
  setServers(tier: number, servers: number): void;
  /** A tier's scheduled number of servers. */
  servers(tier: number): number;
  /** Requests queued at a tier now. */
  queueLength(tier: number): number;
  /** Requests in service at a tier now. */
  busy(tier: number): number;
  /** Schedules `callback(payload)` after `delay` seconds on the model's engine. */
  schedule(delay: number, callback: (payload: number) => void, payload?: number): number;
  /** Simulated time, seconds. */
  readonly now: number;
  /** Starts the journey of a citizen held by the citizen gate (ignored if not held). */
  admitCitizen(citizen: number): void;
  /** A held citizen gives up for good (ignored if not held). */
  abandonCitizen(citizen: number): void;
  /** Citizens held by the citizen gate now. */
  readonly heldCitizens: number;
}

/** Hooks a run can be given; every one is optional. */
export interface ModelHooks {
  /** Admission gates by tier name. */
  admission?: Record<string, AdmissionGate>;
  /** A gate in front of the whole service, per citizen (waiting room). */
  citizenGate?: CitizenGate;
  /**
   * Called when a citizen completes the whole journey.
   *
   * @param citizen the citizen's id (its arrival index, 0-based).
   * @param persistenceClass index into `demand.persistence`.
   */
  onSuccess?(now: number, citizen: number, persistenceClass: number): void;
  /**
   * Called when a citizen gives up for good.
   *
   * @param citizen the citizen's id (its arrival index, 0-based).
   * @param persistenceClass index into `demand.persistence`.
   */
  onGiveUp?(now: number, citizen: number, persistenceClass: number): void;
  /** Called once before the run starts, e.g. for an autoscaler to schedule its ticks. */
  onStart?(control: CapacityControl): void;
}
