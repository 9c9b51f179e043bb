/**
 * The service side of the model: requests enter a tier (or fail at once: tier down, shed,
 * refused by a gate, balking, queue full), wait in its queue by its discipline (or leave it
 * impatient), are served (slowed by contention), then go to the next tier of their route or
 * complete. Crashes, maintenance and capacity steps change a tier's servers; a crash or a
 * dropping closure fails everything at the tier.
 *
 * The client side is told how each attempt ends through an {@link AttemptListener}.
 *
 * @module
 */
import { type Environment, grown } from "../../engine/mod.ts";
import { uslSlowdown } from "./usl.ts";
import {
  HAS_RENEGE,
  IN_SERVICE,
  IN_SYSTEM,
  LEFT_QUEUE,
  type RequestTable,
  WAITING,
} from "../population/request_table.ts";
import {
  ADMITTED,
  COMPLETED,
  FAILED_BALKED,
  FAILED_CRASHED,
  FAILED_REJECTED,
  FAILED_RENEGED,
  GOODPUT,
  type RunMetrics,
} from "../metrics/run_metrics.ts";
import type { Router } from "./routing.ts";
import { SIGNAL_QUEUE_LENGTH, SIGNAL_UTILISATION, type Tier } from "./tier.ts";
import { attemptCapacity } from "./visits.ts";

/** How the client side learns what became of its attempts. */
export interface AttemptListener {
  /** The request completed its route while its client was waiting. */
  served(request: number): void;
  /** The request failed while its client was waiting (`kind`: a FAILED_* counter index). */
  failed(request: number, kind: number): void;
  /** Seconds the request will wait in a queue before leaving it (Infinity: no limit). */
  queuePatience(request: number): number;
  /** True if the request balks at a queue of `queued` requests. */
  balks(request: number, queued: number): boolean;
  /** A gate refused the request and told its client to retry after `seconds` (HTTP 429). */
  toldRetryAfter(request: number, seconds: number): void;
}

/** Options of {@link ServiceNetwork}. */
export interface ServiceNetworkOptions {
  /** The engine. */
  env: Environment;
  /** The tiers, by index. */
  tiers: Tier[];
  /** The requests. */
  requests: RequestTable;
  /** Router of each journey operation. */
  routers: Router[];
  /** Expected visits to each tier per attempt in the journey's mix, by tier index. */
  visitsPerAttempt: Float64Array;
  /** Uniform draws for probabilistic routing. */
  routingUniform: () => number;
  /** Priority level of each operation (index among the distinct priorities). */
  priorityLevels: Int32Array;
  /** Priority class of each operation (its `priority`, for the shedder). */
  priorityClasses: Int32Array;
  /** The run's metrics. */
  metrics: RunMetrics;
}

/** Tiers and the requests moving through them. */
export class ServiceNetwork {
  private readonly env: Environment;
  /** The tiers. */
  readonly tiers: Tier[];
  private readonly requests: RequestTable;
  private readonly routers: Router[];
  private readonly visitsPerAttempt: Float64Array;
  private readonly routingUniform: () => number;
  private readonly priorityLevels: Int32Array;
  private readonly priorityClasses: Int32Array;
  private readonly metrics: RunMetrics;
  private readonly warmup: number;
  private listener!: AttemptListener;
  private readonly onServiceDoneCallback = (request: number) => this.onServiceDone(request);
  private readonly onRenegeCallback = (request: number) => this.onRenege(request);
  private readonly onRestartCallback = (tier: number) => this.onRestart(tier);

  /** Creates the network (see {@link ServiceNetworkOptions}). */
  constructor(options: ServiceNetworkOptions) {
    this.env = options.env;
    this.tiers = options.tiers;
    this.requests = options.requests;
    this.routers = options.routers;
    this.visitsPerAttempt = options.visitsPerAttempt;
    this.routingUniform = options.routingUniform;
    this.priorityLevels = options.priorityLevels;
    this.priorityClasses = options.priorityClasses;
    this.metrics = options.metrics;
    this.warmup = options.metrics.warmup;
  }

  /** Connects the client side. */
  listen(listener: AttemptListener): void {
    this.listener = listener;
  }

  /** Sends a new attempt into the service at its operation's first tier. */
  send(request: number): void {
    this.requests.hop[request] = 0;
    this.enter(request, this.routers[this.requests.operation[request]].first(this.routingUniform));
  }

  // ---- capacity --------------------------------------------------------------------------

  /** Recomputes a tier's slots and the run's capacity levels, then serves what it can. */
  refreshCapacity(tierIndex: number): void {
    const now = this.env.now;
    const tier = this.tiers[tierIndex];
    tier.slots = tier.currentSlots();
    tier.serversLevel.set(now, tier.infinite ? 0 : tier.effectiveServers() * tier.serverWeight);
    tier.slotsLevel.set(now, tier.infinite ? 0 : tier.slots);
    tier.upLevel.set(now, tier.up && tier.maintenanceDepth === 0 ? 1 : 0);
    let down = 0, servers = 0;
    for (const each of this.tiers) {
      if (!each.infinite) servers += each.scheduledServers * each.serverWeight;
      // Down = crashed or in maintenance; a schedule of 0 servers (closed) is not downtime.
      if (!each.up || each.maintenanceDepth > 0) down = 1;
    }
    this.metrics.capacity.set(now, attemptCapacity(this.tiers, this.visitsPerAttempt));
    this.metrics.down.set(now, down);
    this.metrics.servers.set(now, servers);
    this.pullFromQueue(tier);
  }

  /** Sets a tier's scheduled servers from now on; queued work is kept. */
  setServers(tierIndex: number, servers: number): void {
    if (!(Number.isInteger(servers) && servers >= 0)) {
      throw new RangeError(`setServers: servers ${servers} is not a non-negative integer`);
    }
    this.tiers[tierIndex].scheduledServers = servers;
    this.refreshCapacity(tierIndex);
  }

  /** Starts (+1) or ends (−1) a maintenance window; `dropping` windows fail the tier's work. */
  maintenance(tierIndex: number, delta: number, dropping: boolean): void {
    const tier = this.tiers[tierIndex];
    tier.maintenanceDepth += delta;
    if (dropping) {
      tier.droppingDepth += delta;
      if (delta > 0) {
        this.failEverything(tierIndex);
        return;
      }
    }
    this.refreshCapacity(tierIndex);
  }

  // ---- a request at a tier ---------------------------------------------------------------

  private enter(request: number, tierIndex: number): void {
    const now = this.env.now;
    const requests = this.requests;
    const tier = this.tiers[tierIndex];
    requests.tier[request] = tierIndex;
    requests.entered[request] = now;
    const counted = now >= this.warmup;
    if (counted) tier.arrivals++;
    if (!tier.up || tier.droppingDepth > 0) return this.leave(request, FAILED_CRASHED);
    if (tier.dropAbandoned && (requests.flags[request] & WAITING) === 0) {
      return this.leave(request, -1);
    }
    if (
      tier.shedder !== null &&
      tier.shedder.shouldShed(this.priorityClasses[requests.operation[request]], this.loadOf(tier))
    ) return this.leave(request, FAILED_REJECTED);
    if (tier.gate !== null && !tier.gate.admit(now, tierIndex)) {
      if (tier.gate.retryAfter !== undefined) {
        this.listener.toldRetryAfter(request, tier.gate.retryAfter(now, tierIndex));
      }
      return this.leave(request, FAILED_REJECTED);
    }
    if (tier.queued === 0 && tier.busy < tier.slots) {
      if (requests.hop[request] === 0) this.metrics.count(ADMITTED, now);
      this.startService(request, tier);
      return;
    }
    if ((requests.flags[request] & WAITING) !== 0 && this.listener.balks(request, tier.queued)) {
      if (counted) tier.balked++;
      this.releaseGate(tier, 0, false);
      return this.leave(request, FAILED_BALKED);
    }
    if (tier.queued >= tier.queueCapacity) {
      if (counted) tier.blocked++;
      this.releaseGate(tier, 0, false);
      return this.leave(request, FAILED_REJECTED);
    }
    if (requests.hop[request] === 0) this.metrics.count(ADMITTED, now);
    tier.discipline.push(request, this.priorityLevels[requests.operation[request]]);
    tier.queued++;
    tier.queueLevel.set(now, tier.queued);
    if ((requests.flags[request] & WAITING) !== 0) {
      const patience = this.listener.queuePatience(request);
      if (patience < Infinity) {
        const env = this.env;
        requests.renegeHandle[request] = env.schedule(patience, this.onRenegeCallback, request);
        requests.flags[request] |= HAS_RENEGE;
      }
    }
    if (tier.busy + tier.queued > tier.crashThreshold) return this.crash(tierIndex);
    if (tier.busy < tier.slots) this.pullFromQueue(tier);
  }

  /** A tier's load in its shedder's unit. */
  private loadOf(tier: Tier): number {
    if (tier.shedSignal === SIGNAL_UTILISATION) {
      return tier.slots > 0 ? (tier.busy + tier.queued) / tier.slots : Infinity;
    }
    if (tier.shedSignal === SIGNAL_QUEUE_LENGTH) return tier.queued;
    const oldest = this.oldestLive(tier);
    return oldest < 0 ? 0 : this.env.now - this.requests.entered[oldest];
  }

  /** The oldest queued request still in the queue (−1 when none). */
  private oldestLive(tier: Tier): number {
    for (;;) {
      const head = tier.discipline.oldest();
      if (head < 0 || (this.requests.flags[head] & LEFT_QUEUE) === 0) return head;
      tier.discipline.pop(tier.queued + 1); // a reneged entry at the front: discard it
      this.dequeueLeft(head);
    }
  }

  private releaseGate(tier: Tier, latency: number, ok: boolean): void {
    if (tier.gate !== null && tier.gate.release) {
      tier.gate.release(this.env.now, tier.index, latency, ok);
    }
  }

  /** Serves queued requests while the tier has free slots (none queued: `onQueueEmpty`). */
  private pullFromQueue(tier: Tier): void {
    if (tier.busy >= tier.slots) return;
    if (tier.queued === 0) return tier.policy?.onQueueEmpty?.();
    const now = this.env.now;
    const requests = this.requests;
    while (tier.busy < tier.slots && tier.queued > 0) {
      const request = tier.discipline.pop(tier.queued);
      if ((requests.flags[request] & LEFT_QUEUE) !== 0) {
        this.dequeueLeft(request);
        continue;
      }
      tier.queued--;
      this.cancelRenege(request);
      const waited = now - requests.entered[request];
      if (tier.dropAbandoned && (requests.flags[request] & WAITING) === 0) {
        this.releaseGate(tier, waited, false);
        this.leave(request, -1);
        continue;
      }
      if (
        waited > tier.discipline.deadline ||
        (tier.policy !== null && tier.policy.shouldDrop(now, requests.entered[request]))
      ) {
        this.releaseGate(tier, waited, false);
        this.leave(request, FAILED_REJECTED);
        continue;
      }
      this.startService(request, tier);
    }
    if (tier.queued === 0 && tier.busy < tier.slots) tier.policy?.onQueueEmpty?.();
    tier.queueLevel.set(now, tier.queued);
  }

  /** A reneged request's entry came out of the discipline: the slot may be freed now. */
  private dequeueLeft(request: number): void {
    this.requests.flags[request] &= ~(LEFT_QUEUE | IN_SYSTEM);
    this.requests.releaseIfDone(request);
  }

  private cancelRenege(request: number): void {
    const flags = this.requests.flags[request];
    if ((flags & HAS_RENEGE) !== 0) {
      this.requests.flags[request] = flags & ~HAS_RENEGE;
      this.env.cancel(this.requests.renegeHandle[request]);
    }
  }

  /** The request's queue patience ran out: it leaves the queue (its entry stays, marked). */
  private onRenege(request: number): void {
    const requests = this.requests;
    requests.flags[request] &= ~HAS_RENEGE;
    const tier = this.tiers[requests.tier[request]];
    tier.queued--;
    tier.queueLevel.set(this.env.now, tier.queued);
    if (requests.entered[request] >= this.warmup) tier.reneged++;
    this.releaseGate(tier, this.env.now - requests.entered[request], false);
    requests.flags[request] |= LEFT_QUEUE;
    if ((requests.flags[request] & WAITING) !== 0) {
      this.metrics.countEnd(FAILED_RENEGED, this.env.now, requests.issued[request]);
      this.listener.failed(request, FAILED_RENEGED);
    }
  }

  private startService(request: number, tier: Tier): void {
    const now = this.env.now;
    const requests = this.requests;
    const position = tier.busy++;
    if (position === tier.inService.length) tier.inService = grown(tier.inService, position * 2);
    tier.inService[position] = request;
    requests.servicePosition[request] = position;
    tier.busyLevel.set(now, tier.busy);
    requests.flags[request] |= IN_SERVICE;
    requests.started[request] = now;
    const entered = requests.entered[request];
    if (entered >= this.warmup) {
      tier.started++;
      if (now > entered) {
        tier.waited++;
        tier.waitSum += now - entered;
      }
    }
    let duration = tier.samplers[requests.operation[request]]();
    if (tier.sigma > 0 || tier.kappa > 0) {
      const servers = tier.effectiveServers();
      duration *= uslSlowdown(
        servers > 0 ? tier.busy / servers : tier.busy,
        tier.sigma,
        tier.kappa,
      );
    }
    requests.serviceHandle[request] = this.env.schedule(
      duration,
      this.onServiceDoneCallback,
      request,
    );
  }

  private removeFromService(request: number, tier: Tier): void {
    const requests = this.requests;
    const position = requests.servicePosition[request];
    const last = tier.inService[--tier.busy];
    tier.inService[position] = last;
    requests.servicePosition[last] = position;
    tier.busyLevel.set(this.env.now, tier.busy);
    requests.flags[request] &= ~IN_SERVICE;
  }

  private onServiceDone(request: number): void {
    const now = this.env.now;
    const requests = this.requests;
    const tierIndex = requests.tier[request];
    const tier = this.tiers[tierIndex];
    this.removeFromService(request, tier);
    const entered = requests.entered[request];
    if (entered >= this.warmup) {
      tier.completions++;
      tier.responseSum += now - entered;
    }
    if ((requests.flags[request] & WAITING) === 0 && requests.started[request] >= this.warmup) {
      this.metrics.wastedWorkSeconds += now - requests.started[request];
    }
    this.releaseGate(tier, now - entered, true);
    const hop = requests.hop[request];
    const next = this.routers[requests.operation[request]].next(
      tierIndex,
      hop,
      this.routingUniform,
    );
    if (next >= 0) {
      requests.hop[request] = hop + 1;
      this.enter(request, next);
    } else this.complete(request);
    this.pullFromQueue(tier);
  }

  private complete(request: number): void {
    const now = this.env.now;
    const requests = this.requests;
    const issued = requests.issued[request];
    this.metrics.countEnd(COMPLETED, now, issued);
    this.metrics.recordLatency(issued, now);
    requests.flags[request] &= ~IN_SYSTEM;
    if ((requests.flags[request] & WAITING) !== 0) {
      this.metrics.countEnd(GOODPUT, now, issued);
      this.listener.served(request);
      return;
    }
    requests.releaseIfDone(request);
  }

  /**
   * Takes a request out of the service (not in service). `kind` is the FAILED_* counter when
   * its client sees the failure, −1 for a silent drop (client already gone).
   */
  private leave(request: number, kind: number): void {
    const requests = this.requests;
    requests.flags[request] &= ~IN_SYSTEM;
    if (kind >= 0 && (requests.flags[request] & WAITING) !== 0) {
      this.metrics.countEnd(kind, this.env.now, requests.issued[request]);
      this.listener.failed(request, kind);
      return;
    }
    requests.releaseIfDone(request);
  }

  // ---- failures --------------------------------------------------------------------------

  /** The tier goes down: queued and in-service requests are lost; it restarts later. */
  private crash(tierIndex: number): void {
    const tier = this.tiers[tierIndex];
    tier.up = false;
    this.env.schedule(tier.restartSeconds, this.onRestartCallback, tierIndex);
    this.failEverything(tierIndex);
  }

  private onRestart(tierIndex: number): void {
    this.tiers[tierIndex].up = true;
    this.refreshCapacity(tierIndex);
  }

  /** Takes every queued and in-service request out of a tier and fails them as crashed. */
  private failEverything(tierIndex: number): void {
    const now = this.env.now;
    const tier = this.tiers[tierIndex];
    const requests = this.requests;
    const lost: number[] = []; // rare event: a plain array is fine here
    tier.discipline.drain((request) => {
      if ((requests.flags[request] & LEFT_QUEUE) !== 0) return this.dequeueLeft(request);
      this.cancelRenege(request);
      this.releaseGate(tier, now - requests.entered[request], false);
      lost.push(request);
    });
    tier.queued = 0;
    tier.queueLevel.set(now, 0);
    while (tier.busy > 0) {
      const request = tier.inService[tier.busy - 1];
      this.env.cancel(requests.serviceHandle[request]);
      if (requests.started[request] >= this.warmup) {
        this.metrics.wastedWorkSeconds += now - requests.started[request];
      }
      this.removeFromService(request, tier);
      this.releaseGate(tier, now - requests.entered[request], false);
      lost.push(request);
    }
    this.refreshCapacity(tierIndex);
    for (const request of lost) this.leave(request, FAILED_CRASHED);
  }
}
