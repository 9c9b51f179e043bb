/**
 * The models an experiment may run, by name. Experiment files are data (someone may e-mail
 * one): they name a model registered here, never a module URL or path, so they cannot carry
 * code. The project registers its models in code (`registerModel`); tests register toy ones.
 *
 * A model is a module (loaded by URL in each worker) exporting
 * `runReplication(scenario, design, replication, options?)` and optionally `parseScenario`,
 * `loadScenario`, `designNames` and `estimateCost` (see `ReplicationRunnerModule`).
 *
 * @module
 */
import { UsageError } from "./usage_error.ts";

/** Name of the default model: the click-day model with the scenario loader. */
export const DEFAULT_MODEL = "scenario-model";

const registry = new Map<string, string>([
  [DEFAULT_MODEL, new URL("./model_runner.ts", import.meta.url).href],
]);

const MODEL_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/**
 * Registers a model module under a name (from code only: experiment files cannot).
 *
 * @param name lower-case letters, digits, `.`, `_`, `-` (at most 64 characters).
 * @param moduleUrl the module's URL (e.g. `new URL("./my_model.ts", import.meta.url)`).
 * @throws UsageError when the name is malformed or already taken by another module.
 */
export function registerModel(name: string, moduleUrl: string | URL): void {
  if (!MODEL_NAME.test(name)) {
    throw UsageError.field("model name", name, "lower-case letters, digits, . _ - (≤ 64)");
  }
  const href = new URL(moduleUrl).href;
  const existing = registry.get(name);
  if (existing !== undefined && existing !== href) {
    throw new UsageError(`model "${name}" is already registered (${existing})`);
  }
  registry.set(name, href);
}

/** The registered model names, in registration order. */
export function registeredModels(): string[] {
  return [...registry.keys()];
}

/**
 * The module URL of a registered model.
 *
 * @throws UsageError naming the registered models when `name` is not one of them.
 */
export function modelUrl(name: string = DEFAULT_MODEL): string {
  const url = registry.get(name);
  if (url === undefined) {
    throw UsageError.field(
      "model",
      name,
      `a registered model name: ${registeredModels().map((n) => `"${n}"`).join(", ")}`,
    );
  }
  return url;
}
