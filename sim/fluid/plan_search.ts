/**
 * The planner's search for the cheapest acceptable setting of several parameters at once: a
 * grid of candidate values per parameter, a cost per unit of each (euro), and a judge (the
 * fluid model's verdict at the stated margin). Settings are judged in order of increasing cost
 * (ties by the parameters' values, first parameter first), so the first acceptable one is the
 * cheapest on the grid — exactly, without assuming that more of a parameter never hurts — and
 * the search stops there. A budget only says whether that setting is affordable; it never
 * changes which setting is the cheapest acceptable. Pure functions.
 *
 * @module
 */

/** One searched parameter: a scenario path, its candidate values and its unit cost. */
export interface SearchedParameter {
  /** Scenario path (as `--x` takes it), e.g. `service.tiers.platform.servers`. */
  name: string;
  /** Candidate values, in the parameter's unit. */
  values: readonly number[];
  /** Euro per unit of the parameter (e.g. per server for the scenario's horizon). */
  unitCost: number;
}

/** One setting: a value per searched parameter, in the parameters' order. */
export type Setting = readonly number[];

/** Settings a search may judge at most (the product of the grids' sizes). */
export const MAX_SETTINGS = 5000;

/** Cost of a setting, euro: Σ unit cost × value. */
export function settingCost(parameters: readonly SearchedParameter[], setting: Setting): number {
  let cost = 0;
  for (let i = 0; i < parameters.length; i++) cost += parameters[i].unitCost * setting[i];
  return cost;
}

/**
 * Every setting of the grid in the order the search judges them: increasing cost, ties by the
 * values (first parameter first, smaller first).
 *
 * @throws RangeError when the grid holds more than {@link MAX_SETTINGS} settings or a
 *   parameter has no values or a negative or non-finite unit cost.
 */
export function settingsByCost(parameters: readonly SearchedParameter[]): Setting[] {
  let count = 1;
  for (const parameter of parameters) {
    if (parameter.values.length === 0) {
      throw new RangeError(`${parameter.name}: no candidate values`);
    }
    if (!(parameter.unitCost >= 0 && Number.isFinite(parameter.unitCost))) {
      throw new RangeError(
        `${parameter.name}: unit cost ${parameter.unitCost} is not a finite number ≥ 0`,
      );
    }
    count *= parameter.values.length;
  }
  if (count > MAX_SETTINGS) {
    throw new RangeError(
      `the grid holds ${count} settings; at most ${MAX_SETTINGS}: use fewer values per parameter`,
    );
  }
  let settings: number[][] = [[]];
  for (const parameter of parameters) {
    const next: number[][] = [];
    for (const prefix of settings) {
      for (const value of parameter.values) next.push(prefix.concat([value]));
    }
    settings = next;
  }
  const costs = new Map(settings.map((setting) => [setting, settingCost(parameters, setting)]));
  return settings.sort((a, b) => {
    const difference = costs.get(a)! - costs.get(b)!;
    if (difference !== 0) return difference;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
    return 0;
  });
}

/** What {@link cheapestAcceptable} found. */
export interface SearchResult {
  /** The cheapest acceptable setting, or null when no setting of the grid is acceptable. */
  setting: Setting | null;
  /** Its cost, euro (NaN when there is none). */
  cost: number;
  /** Whether it fits the budget (true without a budget; false when there is no setting). */
  withinBudget: boolean;
  /** Settings judged before the search stopped. */
  judged: number;
  /** The settings after it in cost order (for the simulator to try next if it disagrees). */
  next: Setting[];
}

/**
 * The cheapest setting of the grid that `acceptable` accepts (see the module comment), with
 * whether it fits `budget` (euro) when one is given.
 */
export function cheapestAcceptable(
  parameters: readonly SearchedParameter[],
  acceptable: (setting: Setting) => boolean,
  budget?: number,
): SearchResult {
  const ordered = settingsByCost(parameters);
  for (let index = 0; index < ordered.length; index++) {
    const setting = ordered[index];
    if (!acceptable(setting)) continue;
    const cost = settingCost(parameters, setting);
    return {
      setting,
      cost,
      withinBudget: budget === undefined || cost <= budget,
      judged: index + 1,
      next: ordered.slice(index + 1),
    };
  }
  return { setting: null, cost: NaN, withinBudget: false, judged: ordered.length, next: [] };
}
