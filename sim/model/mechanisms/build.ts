/**
 * Builds the design mechanisms a resolved scenario switches on, in registry order, and
 * combines what they return: the hooks for the model, the client-side limiters of each
 * persistence class, and the end-of-run table contributions.
 *
 * @module
 */
import { BinnedLevel, type RandomStreams } from "../../engine/mod.ts";
import type { AttemptLimiter, CitizenGate, ModelHooks } from "../hooks.ts";
import { combineHookSets } from "./combine_hooks.ts";
import type { ResolvedScenario } from "../scenario_schema.ts";
import { clientOfClass } from "../scenario_files.ts";
import { STREAMS } from "../seeds.ts";
import type {
  BuildContext,
  Mechanism,
  MechanismParts,
  MechanismTables,
  RunEnd,
} from "./mechanism.ts";
import { MECHANISMS } from "./registry.ts";

/** Options of {@link buildMechanisms}. */
export interface BuildMechanismsOptions {
  /** The scenario. */
  scenario: ResolvedScenario;
  /** The replication. */
  replication: number;
  /** The run's random streams. */
  streams: RandomStreams;
  /** Hooks given by the caller, combined with the mechanisms'. */
  extraHooks: ModelHooks;
  /** Registers a citizen gate as the next stage in front of the service. */
  citizenStage(gate: CitizenGate): (citizen: number) => void;
}

/** The mechanisms of one run. */
export interface MechanismRun {
  /** Every hook combined. */
  hooks: ModelHooks;
  /** The client-side limiters of each persistence class, in order. */
  limitersOfClass: AttemptLimiter[][];
  /** What the mechanisms add to the tables at the end of the run. */
  finish(end: RunEnd): MechanismTables[];
}

/** The scenario value of a mechanism at its place (undefined or null: switched off). */
function configOf(mechanism: Mechanism, container: Record<string, unknown> | null | undefined) {
  return container?.[mechanism.key] ?? null;
}

/** Builds the mechanisms `options.scenario` switches on. */
export function buildMechanisms(options: BuildMechanismsOptions): MechanismRun {
  const { scenario, replication, streams } = options;
  const tiers = scenario.service.tiers;
  const first = scenario.demand.journey[0];
  const edge = first.route?.[0] ??
    (typeof first.routing!.entry === "string"
      ? first.routing!.entry
      : Object.keys(first.routing!.entry)[0]);
  const shared = {};
  const context = (clientClass: number): BuildContext => ({
    scenario,
    replication,
    clientClass,
    shared,
    stream: (purpose) => streams.stream(`${STREAMS.design}:${purpose}`),
    tierIndex: (name) => tiers.findIndex((tier) => tier.name === (name ?? edge)),
    level: (initial = 0) =>
      new BinnedLevel({
        binWidthSeconds: scenario.bin_width_seconds,
        horizonSeconds: scenario.horizon_seconds,
        warmupSeconds: scenario.warmup_seconds,
        initial,
      }),
    citizenStage: options.citizenStage,
  });
  const parts: MechanismParts[] = [];
  const scenarioLimiters: AttemptLimiter[] = [];
  const classes = scenario.demand.persistence.map((_entry, index) =>
    clientOfClass(scenario, index)
  );
  const limitersOfClass: AttemptLimiter[][] = classes.map(() => []);
  const sharedByConfig = new Map<string, AttemptLimiter>();
  for (const mechanism of MECHANISMS as readonly Mechanism[]) {
    if (mechanism.place === "client") {
      classes.forEach((client, index) => {
        const config = configOf(mechanism, client as unknown as Record<string, unknown>);
        if (config === null) return;
        const key = `${mechanism.key}:${JSON.stringify(config)}`;
        let limiter = sharedByConfig.get(key); // same settings: the same gateways' state
        if (limiter === undefined) {
          const built = mechanism.build(config, context(index));
          parts.push(built);
          limiter = built.limiter!;
          sharedByConfig.set(key, limiter);
        }
        limitersOfClass[index].push(limiter);
      });
      continue;
    }
    const container = mechanism.place === "admission"
      ? scenario.admission
      : scenario as unknown as Record<string, unknown>;
    const config = configOf(mechanism, container as Record<string, unknown> | null | undefined);
    if (config === null) continue;
    const built = mechanism.build(config, context(-1));
    parts.push(built);
    if (built.limiter) scenarioLimiters.push(built.limiter);
  }
  // A citizen gate given as an extra hook stands behind the scenario's own gates.
  if (options.extraHooks.citizenGate) options.citizenStage(options.extraHooks.citizenGate);
  const hooks = combineHookSets([
    ...parts.flatMap((part) => (part.hooks ? [part.hooks] : [])),
    options.extraHooks,
  ]);
  return {
    hooks,
    limitersOfClass: limitersOfClass.map((limiters) => [
      ...(options.extraHooks.limiters ?? []),
      ...scenarioLimiters,
      ...limiters,
    ]),
    finish: (end) => parts.flatMap((part) => (part.finish ? [part.finish(end)] : [])),
  };
}
