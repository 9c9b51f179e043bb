/**
 * A map point's overrides on a scenario file: each parameter is addressed by a dotted path in
 * the scenario's JSON, named-array items by name (`service.tiers.sia_wallet.servers`,
 * `demand.client.timeout_seconds`, `demand.client.retry.max_attempts`,
 * `admission.waiting_room.admit_per_second`), and applied as a design through the scenario
 * language's own merge (`mergeDesign`) and validation (`parseScenario`), so every value is
 * checked exactly as the simulator would check it. One pseudo-parameter,
 * {@link ARRIVAL_MULTIPLIER}, multiplies every arrival rate of `demand.arrivals` (a surge
 * `value` times the forecast; a population cap still holds).
 *
 * @module
 */
import { BASE_DESIGN, parseScenario, type Scenario } from "../model/mod.ts";
import { mergeDesign, numberOf } from "../scenario/mod.ts";

/** The pseudo-parameter that multiplies every arrival rate (dimensionless, 1 = as built). */
export const ARRIVAL_MULTIPLIER = "arrival_multiplier";

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isNamedArray(value: unknown): value is Json[] {
  return Array.isArray(value) && value.length > 0 &&
    value.every((item) => isObject(item) && typeof item.name === "string");
}

/**
 * The raw scenario JSON of one design (`"base"` or a design name): the design's overrides
 * merged onto the base, without `designs`.
 * @throws RangeError naming the design and the designs there are.
 */
export function designJson(raw: unknown, design: string = BASE_DESIGN): Json {
  if (!isObject(raw)) throw new RangeError("scenario: is not a JSON object");
  const { designs, ...base } = raw;
  if (design === BASE_DESIGN) return structuredClone(base);
  const override = isObject(designs) ? designs[design] : undefined;
  if (override === undefined) {
    const names = [BASE_DESIGN, ...Object.keys(isObject(designs) ? designs : {})];
    throw new RangeError(`--design: "${design}" is not a design (designs: ${names.join(", ")})`);
  }
  return mergeDesign(base, override, ["designs", design]).merged as Json;
}

/**
 * The parts of a map path: names between dots, and an `[i]` index the way experiment grids
 * write it (`service.tiers[0].servers` is `service.tiers.0.servers`).
 */
function pathParts(path: string): string[] {
  return path.replace(/\[(\d+)\]/g, ".$1").split(".");
}

/** The item of a named list that `part` names: by name, else by a numeric index. */
function namedItem(list: Json[], part: string): Json | undefined {
  return list.find((entry) => entry.name === part) ??
    (/^\d+$/.test(part) ? list[Number(part)] : undefined);
}

/** Walks `path` in `json`; returns the node (undefined when absent) or throws naming it. */
function walk(json: Json, path: string): unknown {
  let node: unknown = json;
  const parts = pathParts(path);
  for (const [i, part] of parts.entries()) {
    if (isNamedArray(node)) {
      const item = namedItem(node, part);
      if (!item) {
        throw new RangeError(
          `${path}: "${part}" names nothing at ${parts.slice(0, i).join(".")} ` +
            `(names: ${node.map((entry) => entry.name).join(", ")})`,
        );
      }
      node = item;
    } else if (isObject(node) && !("value" in node && typeof node.value === "number")) {
      node = node[part];
    } else {
      return undefined;
    }
  }
  return node;
}

/** The as-built value at `path` in a design's JSON (1 for the arrival multiplier). */
export function valueAt(json: Json, path: string): number | undefined {
  if (path === ARRIVAL_MULTIPLIER) return 1;
  return numberOf(walk(json, path));
}

/** The override object that sets `path` to `value`, shaped like `json` (named arrays by name). */
function overrideFor(json: unknown, parts: string[], value: unknown, path: string): unknown {
  if (parts.length === 0) return value;
  const [part, ...rest] = parts;
  if (isNamedArray(json)) {
    const item = namedItem(json, part);
    if (!item) {
      throw new RangeError(
        `${path}: "${part}" names nothing there (names: ${
          json.map((entry) => entry.name).join(", ")
        })`,
      );
    }
    return [{ name: item.name, ...(overrideFor(item, rest, value, path) as Json) }];
  }
  if (Array.isArray(json)) {
    throw new RangeError(`${path}: "${part}" is inside a list without names; not a map parameter`);
  }
  const child = isObject(json) ? json[part] : undefined;
  return { [part]: overrideFor(child, rest, value, path) };
}

/** `demand.arrivals` with every rate multiplied by `factor`. */
function multipliedArrivals(json: Json, factor: number): Json {
  const arrivals = walk(json, "demand.arrivals");
  if (!isObject(arrivals)) throw new RangeError(`${ARRIVAL_MULTIPLIER}: no demand.arrivals`);
  if (arrivals.kind === "renewal") {
    throw new RangeError(
      `${ARRIVAL_MULTIPLIER}: arrivals of kind "renewal" have no rate to multiply ` +
        `(allowed kinds: constant, piecewise, surge, daily, trace)`,
    );
  }
  const scale = (node: unknown, key: string): unknown => {
    if (Array.isArray(node)) {
      if (key === "points") {
        return node.map((point) =>
          Array.isArray(point) ? [point[0], (numberOf(point[1]) ?? 0) * factor] : point
        );
      }
      return node.map((item) => scale(item, key));
    }
    if (!isObject(node)) return node;
    if (key.endsWith("rate_per_second")) {
      const number = numberOf(node);
      if (number !== undefined) return number * factor;
    }
    const copy: Json = {};
    for (const [field, child] of Object.entries(node)) {
      const number = field.endsWith("rate_per_second") ? numberOf(child) : undefined;
      copy[field] = number !== undefined ? number * factor : scale(child, field);
    }
    return copy;
  };
  return scale(arrivals, "") as Json;
}

/**
 * A design's JSON with a map point's values set (full scale, before validation).
 * @throws RangeError naming a path that does not fit the scenario.
 */
export function applyMapPoint(json: Json, point: Readonly<Record<string, number>>): Json {
  let merged: Json = json;
  for (const [path, value] of Object.entries(point)) {
    if (!Number.isFinite(value)) throw new RangeError(`${path}: ${value} is not a finite number`);
    const override = path === ARRIVAL_MULTIPLIER
      ? { demand: { arrivals: multipliedArrivals(merged, value) } }
      : overrideFor(merged, pathParts(path), value, path);
    merged = mergeDesign(merged, override, ["map", path]).merged as Json;
  }
  return merged;
}

/**
 * The validated scenario at a map point (its only design is `"base"`).
 * @throws RangeError on a path that does not fit; ScenarioError naming a field whose value
 * the scenario language rejects.
 */
export function mapPointScenario(json: Json, point: Readonly<Record<string, number>>): Scenario {
  return parseScenario(applyMapPoint(json, point));
}
