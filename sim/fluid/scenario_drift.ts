/**
 * The fluid (mean-field) equations of a whole click-day scenario (`scenario_network.ts`
 * compiles it). Citizens and requests are continuous masses; times in seconds, rates per
 * second.
 *
 * **State.** Per persistence class k and operation j: citizens thinking before j, waiting on
 * a *doomed* attempt (one whose response will come after the client's timeout τ), in the orbit
 * (waiting to retry) — each of these two split by whether the failed attempt was the first or
 * a retry, which retry differently — and waiting to come back; per class, operation and node (a tier visit):
 * queued requests that are *live* (their client will get the answer in time) and *dead*
 * (doomed or orphaned: served all the same, wasted work); citizens arrived, succeeded, gave up;
 * and cumulative counters (attempts, goodput, failures, ∫orbit, ∫queue and ∫busy per tier)
 * whose differences over a bin are the bin's means.
 *
 * **Tiers.** A tier with c(t) slots of mean service s (contention: s·u with the USL factor u)
 * serves c/(s·u) requests per second. Service is short beside every client time scale, so a
 * request in service is not a state: a tier with an empty queue passes its inflow through when
 * the inflow's work fits its slots (else it passes c/u seconds of work per second and queues
 * the rest); a tier with a queue serves c/u seconds of work per second, taken from the queue in
 * the proportions of its content (FIFO's head-of-line mix, in the fluid limit). A full queue
 * admits only what it serves (the rest is refused: a failure its client sees at once); a
 * loss tier (no waiting places) refuses what does not fit. `drop_abandoned` tiers drop dead
 * requests when they have a queue instead of serving them. A refused attempt fails at once
 * for its client (a doomed one too: it does not wait for its timeout).
 *
 * **Fate of an attempt.** Booked when it is sent (the quasi-static approximation of the
 * single-tier model, `single_tier.ts`): its response time is approximately normal with mean
 * Σ visits·(queue wait + service) and variance Σ visits·(wait²/queue + service variance), the
 * waits being the current queues' drain times; it is doomed with probability f = P(R > τ). A
 * doomed client learns it after a mean τ (an exponential delay), a refused one at once; then
 * it retries (a first attempt with probability 1 − g, a retry with the hazard r, each after
 * its mean delay), else comes back later or gives up (`scenario_network.ts` derives them). A
 * reload (a hazard on waiting clients, `reloadHazard`) orphans the attempt and sends a new one. A
 * completed live request moves its client on: to the
 * next operation's think time, straight into its first attempt, or to success.
 *
 * **Limits.** No queueing below capacity (waits are zero until a tier saturates), no noise
 * (a fluid model is the mean of a large population: small tiers and small counts stray), fates
 * booked on the current queues (a queue that grows after a request joins it dooms it too late),
 * delays exponential in place of fixed ones (a fixed timeout or come-back delay arrives as a
 * spread), attempt limits through their mean; what a scenario's mechanisms do is not modelled
 * at all (`FluidNetwork.unsupported`).
 *
 * @module
 */
import { normalUpperTail } from "./response_tail.ts";
import { type FluidNetwork, serversAt, SHORTEST_RETRY_DELAY } from "./scenario_network.ts";
import { reloadHazard, scenarioLayout } from "./scenario_layout.ts";

/**
 * Seconds of inflow a saturated tier's head-of-line mix includes beside its queue: the FIFO
 * head serves what arrived a wait ago, which is the queue's mix once the queue holds more than
 * this, and the arrivals' mix while it holds less (so a nearly empty queue is not stiff).
 */
export const HEAD_MIX_SECONDS = 1;

/** USL slowdown at n requests per server: 1 + σ(n − 1) + κn(n − 1) (n below 1 counts as 1). */
function slowdown(n: number, sigma: number, kappa: number): number {
  const m = n < 1 ? 1 : n;
  return 1 + sigma * (m - 1) + kappa * m * (m - 1);
}

/**
 * The drift dy/dt of the scenario's fluid model, as `derivative(t, y, dydt)` for the ODE
 * integrator. Allocation-free per call (it keeps its work arrays).
 */
export function scenarioDerivative(
  net: FluidNetwork,
): (t: number, y: Float64Array, dydt: Float64Array) => void {
  const L = scenarioLayout(net);
  const K = L.classes;
  const J = L.operations;
  const G = L.nodes;
  const T = net.tiers.length;
  // Flattened nodes.
  const opStart = new Int32Array(J + 1);
  const tierOf = new Int32Array(G);
  const service = new Float64Array(G);
  const scv = new Float64Array(G);
  const entry = new Float64Array(G);
  const exit = new Float64Array(G);
  const visits = new Float64Array(G);
  const fromStart = new Int32Array(G + 1);
  const fromNode: number[] = [];
  const fromProb: number[] = [];
  let g = 0;
  net.operations.forEach((op, j) => {
    opStart[j] = g;
    for (const node of op.nodes) {
      tierOf[g] = node.tier;
      service[g] = node.service;
      scv[g] = node.scv;
      entry[g] = node.entry;
      exit[g] = node.exit;
      visits[g] = node.visits;
      fromStart[g] = fromNode.length;
      for (const [from, p] of node.from) {
        fromNode.push(opStart[j] + from);
        fromProb.push(p);
      }
      g++;
    }
  });
  opStart[J] = G;
  fromStart[G] = fromNode.length;
  const think = Float64Array.from(net.operations, (op) => op.think);
  const share = Float64Array.from(net.classes, (c) => c.share);
  const timeout = Float64Array.from(net.classes, (c) => c.timeout);
  const firstP = Float64Array.from(net.classes, (c) => c.firstRetryProbability);
  const laterP = Float64Array.from(net.classes, (c) => c.laterRetryProbability);
  const integrated = (d: number) => Math.max(d, SHORTEST_RETRY_DELAY);
  const firstDelay = Float64Array.from(net.classes, (c) => integrated(c.firstRetryDelay));
  const laterDelay = Float64Array.from(net.classes, (c) => integrated(c.laterRetryDelay));
  // The orbit's level at the true delays (Little's law: the retry flow is the same).
  const firstScale = Float64Array.from(
    net.classes,
    (c) => c.firstRetryDelay / integrated(c.firstRetryDelay),
  );
  const laterScale = Float64Array.from(
    net.classes,
    (c) => c.laterRetryDelay / integrated(c.laterRetryDelay),
  );
  const backP = Float64Array.from(net.classes, (c) => c.comeBackProbability);
  const backDelay = Float64Array.from(net.classes, (c) => c.comeBackDelay);
  const reload = Float64Array.from(net.classes, (c) => reloadHazard(c));
  const sameTimeoutAs = Int32Array.from(timeout, (tau) => timeout.indexOf(tau));
  const tiers = net.tiers;
  const infinite = Uint8Array.from(tiers, (tier) => (tier.infinite ? 1 : 0));
  const places = Float64Array.from(tiers, (tier) => tier.places);
  const dropDead = Uint8Array.from(tiers, (tier) => (tier.dropAbandoned ? 1 : 0));
  // Work arrays.
  const slots = new Float64Array(T);
  const perServer = new Float64Array(T);
  const queued = new Float64Array(T);
  const work = new Float64Array(T);
  const rate = new Float64Array(T); // seconds of nominal work served per second at saturation
  const factor = new Float64Array(T); // USL factor u
  const wait = new Float64Array(T);
  const backlog = new Uint8Array(T);
  const inflowWork = new Float64Array(T); // nominal work arriving per second (last sweep)
  const sweepWork = new Float64Array(T);
  const inflowRequests = new Float64Array(T);
  const meanR = new Float64Array(J);
  const varR = new Float64Array(J);
  const fate = new Float64Array(K * J);
  const first = new Float64Array(K * J);
  const retry = new Float64Array(K * J);
  const success = new Float64Array(K * J);
  const liveTotal = new Float64Array(K * J);
  const inLive = new Float64Array(K * G);
  const inDead = new Float64Array(K * G);
  const outLive = new Float64Array(K * G);
  const outDead = new Float64Array(K * G);
  const served = new Float64Array(T);
  const admitted = new Float64Array(T).fill(1); // kept between calls: a warm start
  const maxSweeps = 4 + 2 * G;
  /** USL factor and capacity (work per second) of tier i at its current load. */
  const updateRate = (i: number) => {
    if (infinite[i]) {
      factor[i] = 1;
      rate[i] = Infinity;
      return;
    }
    const servers = perServer[i];
    const concurrency = tiers[i].concurrency;
    const perSlot = backlog[i] || servers === 0
      ? concurrency
      : Math.min(concurrency, inflowWork[i] / servers);
    factor[i] = slowdown(perSlot, tiers[i].sigma, tiers[i].kappa);
    rate[i] = slots[i] / factor[i];
  };

  return (t, y, dy) => {
    dy.fill(0);
    const lambda = y[L.arrived] < net.population ? net.arrivalRate(t) : 0;
    // ---- tiers: slots, queues, drain times
    queued.fill(0);
    work.fill(0);
    for (let k = 0; k < K; k++) {
      for (let n = 0; n < G; n++) {
        const q = y[L.live + k * G + n] + y[L.dead + k * G + n];
        queued[tierOf[n]] += q;
        work[tierOf[n]] += q * service[n];
      }
    }
    for (let i = 0; i < T; i++) {
      const servers = infinite[i] ? Infinity : serversAt(tiers[i], t);
      perServer[i] = servers;
      slots[i] = servers * tiers[i].concurrency;
      backlog[i] = !infinite[i] && queued[i] > 0 ? 1 : 0;
      updateRate(i);
      wait[i] = queued[i] > 0 ? (rate[i] > 0 ? work[i] / rate[i] : Infinity) : 0;
    }
    // ---- fates: response-time moments per operation, timeout probability per class
    for (let j = 0; j < J; j++) {
      let mean = 0;
      let variance = 0;
      for (let n = opStart[j]; n < opStart[j + 1]; n++) {
        const i = tierOf[n];
        const s = service[n] * factor[i];
        const w = slots[i] > 0 || infinite[i] ? wait[i] : Infinity;
        mean += visits[n] * (w + s);
        variance += visits[n] * ((w * w) / Math.max(queued[i], 1) + s * s * scv[n]);
      }
      meanR[j] = mean;
      varR[j] = variance;
    }
    for (let k = 0; k < K; k++) {
      const tau = timeout[k];
      const same = sameTimeoutAs[k];
      for (let j = 0; j < J; j++) {
        const cell = k * J + j;
        if (same < k) fate[cell] = fate[same * J + j];
        else {
          const spread = Math.sqrt(varR[j]);
          fate[cell] = tau === Infinity
            ? 0
            : meanR[j] === Infinity
            ? 1
            : spread > 0
            ? normalUpperTail((tau - meanR[j]) / spread)
            : meanR[j] > tau
            ? 1
            : 0;
        }
        let total = 0;
        for (let n = opStart[j]; n < opStart[j + 1]; n++) total += y[L.live + k * G + n];
        liveTotal[cell] = total;
      }
    }
    // ---- flows: Gauss–Seidel sweeps until the tiers' inflows settle
    for (let sweep = 0; sweep < maxSweeps; sweep++) {
      sweepWork.fill(0);
      inflowRequests.fill(0);
      for (let k = 0; k < K; k++) {
        for (let j = 0; j < J; j++) {
          const cell = k * J + j;
          const chained = j === 0 ? lambda * share[k] : success[cell - 1];
          first[cell] = (think[j] > 0 ? y[L.think + cell] / think[j] : chained) +
            y[L.back + cell] / backDelay[k];
          const f = fate[cell];
          // Retries from the orbit, and reloads by the clients still waiting.
          retry[cell] = y[L.orbitFirst + cell] / firstDelay[k] +
            y[L.orbitLater + cell] / laterDelay[k] +
            reload[k] * (y[L.doomedFirst + cell] + y[L.doomedLater + cell] + liveTotal[cell]);
          const issue = first[cell] + retry[cell];
          const liveShare = 1 - f;
          let done = 0;
          for (let n = opStart[j]; n < opStart[j + 1]; n++) {
            const x = k * G + n;
            let live = issue * liveShare * entry[n];
            let dead = issue * (1 - liveShare) * entry[n];
            for (let e = fromStart[n]; e < fromStart[n + 1]; e++) {
              live += outLive[k * G + fromNode[e]] * fromProb[e];
              dead += outDead[k * G + fromNode[e]] * fromProb[e];
            }
            const i = tierOf[n];
            inLive[x] = live;
            inDead[x] = dead;
            if (backlog[i] && dropDead[i]) dead = 0; // dropped at the head, never served
            sweepWork[i] += (live + dead) * service[n];
            inflowRequests[i] += live + dead;
            const capacity = rate[i];
            const arriving = inflowWork[i];
            if (infinite[i]) {
              outLive[x] = live;
              outDead[x] = dead;
            } else if (arriving <= capacity) {
              // Inflow passes; the queue (if any) drains in its own mix with what is left.
              const drain = work[i] > 0 ? (capacity - arriving) / work[i] : 0;
              outLive[x] = live + drain * y[L.live + x];
              outDead[x] = dead + drain * y[L.dead + x];
            } else {
              // Saturated: the head's mix is the queue's plus HEAD_MIX_SECONDS of inflow.
              const perWork = capacity / (work[i] + HEAD_MIX_SECONDS * arriving);
              outLive[x] = perWork * (y[L.live + x] + HEAD_MIX_SECONDS * live);
              outDead[x] = perWork * (y[L.dead + x] + HEAD_MIX_SECONDS * dead);
            }
            done += outLive[x] * exit[n];
          }
          success[cell] = done;
        }
      }
      // A full queue admits what it serves; the rest is refused.
      served.fill(0);
      for (let x = 0; x < K * G; x++) served[tierOf[x % G]] += outLive[x] + outDead[x];
      let change = 0;
      for (let i = 0; i < T; i++) {
        const scale = Math.max(sweepWork[i], inflowWork[i], 1e-300);
        change = Math.max(change, Math.abs(sweepWork[i] - inflowWork[i]) / scale);
        inflowWork[i] = sweepWork[i];
        updateRate(i);
        const admit = !infinite[i] && queued[i] >= places[i] && inflowRequests[i] > served[i]
          ? served[i] / inflowRequests[i]
          : 1;
        change = Math.max(change, Math.abs(admit - admitted[i]));
        admitted[i] = admit;
      }
      if (change < 1e-12 && sweep > 0) break;
    }
    // ---- queues: admission at a full queue, refusals by a loss tier
    let refusedAll = 0;
    let wastedRate = 0;
    for (let k = 0; k < K; k++) {
      for (let j = 0; j < J; j++) {
        const cell = k * J + j;
        const issue = first[cell] + retry[cell];
        // Of the dead requests reaching a node, those sent now (at an entry node) have a
        // client still waiting; of those forwarded, the share of dead mass whose client waits.
        const doomedFirst = y[L.doomedFirst + cell];
        const doomedClients = doomedFirst + y[L.doomedLater + cell];
        let deadMass = doomedClients;
        for (let n = opStart[j]; n < opStart[j + 1]; n++) deadMass += y[L.dead + k * G + n];
        const waiting = deadMass > 0 ? doomedClients / deadMass : 1;
        let refusedLive = 0;
        let refusedDoomed = 0;
        for (let n = opStart[j]; n < opStart[j + 1]; n++) {
          const x = k * G + n;
          const i = tierOf[n];
          wastedRate += outDead[x] * exit[n];
          if (infinite[i]) continue; // passes everything through: nothing queues
          const live = inLive[x];
          const dead = backlog[i] && dropDead[i] ? 0 : inDead[x];
          const admit = admitted[i];
          if (admit < 1) {
            const fresh = Math.min(dead, issue * fate[cell] * entry[n]);
            refusedLive += live * (1 - admit);
            refusedDoomed += (fresh + (dead - fresh) * waiting) * (1 - admit);
          }
          const orphaned = reload[k] * y[L.live + x]; // reloaded: the request stays, orphaned
          dy[L.live + x] = live * admit - outLive[x] - orphaned;
          dy[L.dead + x] = dead * admit - outDead[x] + orphaned;
        }
        // ---- clients of (k, j): failures of first attempts and of retries
        const tau = timeout[k];
        const timedOutFirst = tau === Infinity ? 0 : doomedFirst / tau;
        const timedOut = tau === Infinity ? 0 : doomedClients / tau;
        const firstShare = issue > 0 ? first[cell] / issue : 1;
        const doomedShare = doomedClients > 0 ? doomedFirst / doomedClients : firstShare;
        const failedFirst = timedOutFirst + refusedLive * firstShare +
          refusedDoomed * doomedShare;
        const failedLater = timedOut + refusedLive + refusedDoomed - failedFirst;
        refusedAll += refusedLive + refusedDoomed;
        if (think[j] > 0) {
          dy[L.think + cell] = (j === 0 ? lambda * share[k] : success[cell - 1]) -
            y[L.think + cell] / think[j];
        }
        const rho = reload[k];
        dy[L.doomedFirst + cell] = first[cell] * fate[cell] - timedOutFirst -
          refusedDoomed * doomedShare - rho * doomedFirst;
        dy[L.doomedLater + cell] = retry[cell] * fate[cell] - (timedOut - timedOutFirst) -
          refusedDoomed * (1 - doomedShare) - rho * (doomedClients - doomedFirst);
        const orbitFirst = y[L.orbitFirst + cell];
        const orbitLater = y[L.orbitLater + cell];
        dy[L.orbitFirst + cell] = firstP[k] * failedFirst - orbitFirst / firstDelay[k];
        dy[L.orbitLater + cell] = laterP[k] * failedLater - orbitLater / laterDelay[k];
        const stop = (1 - firstP[k]) * failedFirst + (1 - laterP[k]) * failedLater;
        dy[L.back + cell] = backP[k] * stop - y[L.back + cell] / backDelay[k];
        dy[L.gaveUp] += (1 - backP[k]) * stop;
        dy[L.orbitArea] += orbitFirst * firstScale[k] + orbitLater * laterScale[k];
        dy[L.offeredFirst] += first[cell];
        dy[L.offeredRetry] += retry[cell];
        dy[L.goodput] += success[cell];
        dy[L.timedOut] += timedOut;
      }
      dy[L.succeeded] += success[k * J + J - 1];
    }
    dy[L.arrived] = lambda;
    dy[L.rejected] = refusedAll;
    dy[L.wasted] = wastedRate;
    for (let i = 0; i < T; i++) {
      dy[L.queueArea + i] = queued[i];
      dy[L.busyArea + i] = backlog[i] ? slots[i] : Math.min(slots[i], inflowWork[i] * factor[i]);
    }
  };
}
