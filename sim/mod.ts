/**
 * clickday: discrete-event simulation and analysis of launch-day surges on public digital
 * services. This is the public entry point notebooks import (`../sim/mod.ts`).
 *
 * @module
 */
export * from "./table/mod.ts";
