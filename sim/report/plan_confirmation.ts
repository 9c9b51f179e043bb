/**
 * The simulator's confirmation of `deno task plan`'s map reading: the fluid model's smallest
 * acceptable x at the margin's y, then the next x values of the grid until the simulator, too,
 * finds one acceptable.
 *
 * @module
 */
import type { MetastabilityMapRow } from "../fluid/metastability_map.ts";
import { isAcceptable, type MapPlan } from "../fluid/planner.ts";
import { spotChecks } from "../fluid/spot_check.ts";
import type { PlanCommand } from "./plan_cli.ts";

/** How many grid steps above the fluid recommendation the simulator may be asked to try. */
const CONFIRMATION_STEPS = 4;

/**
 * The simulator's check of the recommendation: the fluid model's smallest acceptable x at the
 * margin's y, then the next x values of the grid (at most {@link CONFIRMATION_STEPS} more)
 * until the simulator, too, finds it acceptable.
 */
export function confirm(
  command: PlanCommand,
  plan: MapPlan,
  already: readonly MetastabilityMapRow[],
  spot: { scale: number; replications: number; horizon?: number },
): PlanConfirmation | null {
  if (plan.minimalX === null) return null;
  const target = command.margin ?? command.asBuilt.y;
  const y = command.y.values.reduce((a, b) => Math.abs(b - target) < Math.abs(a - target) ? b : a);
  const xs = [...command.x.values].sort((a, b) => a - b).filter((x) => x >= plan.minimalX!);
  const tried: MetastabilityMapRow[] = [];
  for (const x of xs.slice(0, CONFIRMATION_STEPS + 1)) {
    const row = already.find((r) => r.x === x && r.y === y) ??
      spotChecks(command.json, { x: command.x, y: command.y }, [[x, y]], spot)[0];
    tried.push(row);
    if (isAcceptable(row.verdict, row.recovery_seconds, command.accept, command.target)) {
      return { x, y, tried, confirmed: true };
    }
  }
  return { x: tried.at(-1)!.x, y, tried, confirmed: false };
}

/** The simulator's confirmation of the planner's recommendation. */
export interface PlanConfirmation {
  /** The x the simulator confirmed (or the last one tried). */
  x: number;
  /** The y it was checked at (the margin's, on the grid). */
  y: number;
  /** Every simulator check, in order. */
  tried: MetastabilityMapRow[];
  /** Whether the simulator found x acceptable. */
  confirmed: boolean;
}
