/**
 * The clickday simulation engine: event calendar, environment (fast-path callbacks and
 * SimPy-style processes), resources, containers, stores, named random streams and monitors.
 * Time is a float in seconds throughout. See `README.md` for an M/M/c model in both styles.
 *
 * @module
 */
export { EventCalendar } from "./calendar.ts";
export type { EventCallback } from "./calendar.ts";
export { Environment } from "./environment.ts";
export type { EnvironmentOptions, RunOptions } from "./environment.ts";
export {
  EVENT_PENDING,
  EVENT_PROCESSED,
  EVENT_STARTING,
  EVENT_TRIGGERED,
  PRIORITY_NORMAL,
  PRIORITY_URGENT,
  SimEvent,
  Timeout,
} from "./event.ts";
export type { EventListener } from "./event.ts";
export { Interrupt, Process } from "./process.ts";
export type { ProcessGenerator } from "./process.ts";
export { Condition } from "./condition.ts";
export {
  Request,
  REQUEST_GRANTED,
  REQUEST_PREEMPTED,
  REQUEST_QUEUED,
  REQUEST_RELEASED,
  Resource,
} from "./resource.ts";
export { Preempted, PreemptiveResource, PriorityResource } from "./priority_resource.ts";
export { Container, ContainerEvent } from "./container.ts";
export type { ContainerOptions } from "./container.ts";
export { Store, StoreGet, StorePut } from "./store.ts";
export { FilterStore } from "./filter_store.ts";
export { RandomStream, RandomStreams, sfc32, streamSeed } from "./random.ts";
export { Counter } from "./counter.ts";
export { TimeWeightedLevel } from "./time_weighted_level.ts";
export { Tally } from "./tally.ts";
export type { TallyOptions } from "./tally.ts";
export { BinnedSeries } from "./binned_series.ts";
export { BinnedLevel } from "./binned_level.ts";
export type { BinnedLevelOptions } from "./binned_level.ts";
export { RingQueue } from "./ring_queue.ts";
export { DelayLane } from "./delay_lane.ts";
export type { DelayLaneOptions, LaneCallback } from "./delay_lane.ts";
export { TimerWheel } from "./timer_wheel.ts";
export { grown } from "./grown.ts";
export type { Column } from "./grown.ts";
export type { TimerWheelOptions, TransferCallback } from "./timer_wheel.ts";
