/**
 * The default runner module: the model's `runReplication` with the scenario layer's loading,
 * validation and design names, in the shape the experiment workers import.
 *
 * @module
 */
export { runReplication } from "../model/run.ts";
export { designNames, loadScenario, parseScenario } from "../scenario/mod.ts";
