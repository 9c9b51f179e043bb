/**
 * The state vector of the scenario-wide fluid model (`scenario_drift.ts`): where each
 * compartment and counter lives; and the reload hazard its clients use.
 *
 * @module
 */
import type { FluidNetwork } from "./scenario_network.ts";

/** Where each part of the state vector lives (offsets into it). */
export interface ScenarioLayout {
  /** Classes K. */
  classes: number;
  /** Operations J. */
  operations: number;
  /** Nodes over all operations, G. */
  nodes: number;
  /** Thinking before operation j, class k: `think + k·J + j`. */
  think: number;
  /** Waiting on a doomed first attempt: `doomedFirst + k·J + j`. */
  doomedFirst: number;
  /** Waiting on a doomed retry: `doomedLater + k·J + j`. */
  doomedLater: number;
  /** In the orbit after a failed first attempt: `orbitFirst + k·J + j`. */
  orbitFirst: number;
  /** In the orbit after a failed retry: `orbitLater + k·J + j`. */
  orbitLater: number;
  /** Waiting to come back: `back + k·J + j`. */
  back: number;
  /** Live queued requests at node g, class k: `live + k·G + g`. */
  live: number;
  /** Dead queued requests: `dead + k·G + g`. */
  dead: number;
  /** Citizens arrived. */
  arrived: number;
  /** Citizens who completed the journey. */
  succeeded: number;
  /** Citizens who gave up for good. */
  gaveUp: number;
  /** Cumulative first attempts (first of each operation, come-backs included). */
  offeredFirst: number;
  /** Cumulative retries (reloads included). */
  offeredRetry: number;
  /** Cumulative requests answered in time. */
  goodput: number;
  /** Cumulative attempts whose client timed out. */
  timedOut: number;
  /** Cumulative attempts refused by a full queue or a loss tier while their client waited. */
  rejected: number;
  /** Cumulative dead requests served to completion (wasted). */
  wasted: number;
  /** ∫ orbit dt. */
  orbitArea: number;
  /** ∫ queued requests dt at tier i: `queueArea + i`. */
  queueArea: number;
  /** ∫ busy slots dt at tier i: `busyArea + i`. */
  busyArea: number;
  /** Length of the state vector. */
  size: number;
}

/** The state layout of a compiled scenario. */
export function scenarioLayout(net: FluidNetwork): ScenarioLayout {
  const K = net.classes.length;
  const J = net.operations.length;
  const G = net.operations.reduce((sum, op) => sum + op.nodes.length, 0);
  const cells = K * J;
  const live = 6 * cells;
  const dead = live + K * G;
  const arrived = dead + K * G;
  const counters = arrived + 3;
  const tiers = net.tiers.length;
  return {
    classes: K,
    operations: J,
    nodes: G,
    think: 0,
    doomedFirst: cells,
    doomedLater: 2 * cells,
    orbitFirst: 3 * cells,
    orbitLater: 4 * cells,
    back: 5 * cells,
    live,
    dead,
    arrived,
    succeeded: arrived + 1,
    gaveUp: arrived + 2,
    offeredFirst: counters,
    offeredRetry: counters + 1,
    goodput: counters + 2,
    timedOut: counters + 3,
    rejected: counters + 4,
    wasted: counters + 5,
    orbitArea: counters + 6,
    queueArea: counters + 7,
    busyArea: counters + 7 + tiers,
    size: counters + 7 + 2 * tiers,
  };
}

/**
 * Reload hazard of a class, per second: a client still waiting reloads at this rate, chosen so
 * that one waiting for its whole timeout τ reloads with the simulator's probability
 * p·(1 − e^{−τ/m}) (a reload timer with probability p, after an exponential time of mean m,
 * firing only before the timeout); with no timeout, p/m.
 */
export function reloadHazard(
  client: { reloadProbability: number; reloadPatience: number; timeout: number },
): number {
  const { reloadProbability: p, reloadPatience: m, timeout: tau } = client;
  if (p <= 0) return 0;
  if (tau === Infinity) return p / m;
  const reloaded = p * -Math.expm1(-tau / m);
  return -Math.log1p(-Math.min(reloaded, 1 - 1e-12)) / tau;
}
