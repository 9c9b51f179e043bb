/**
 * clickday: discrete-event simulation and analysis of launch-day surges on public digital
 * services. This is the public entry point notebooks import (`../sim/mod.ts`).
 *
 * @module
 */
export * from "./table/mod.ts";
export * from "./analytic/mod.ts";
export * from "./stats/mod.ts";
export * from "./experiment/mod.ts";
export * from "./engine/mod.ts";
export * from "./charts/mod.ts";
export * from "./model/mod.ts";
export * from "./scenario/mod.ts";
export * from "./calibration/mod.ts";
