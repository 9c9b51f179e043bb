/**
 * Mechanism `staggered`: access windows by cohort (birth month, fiscal-code letters, region):
 * a citizen arriving outside the cohort's window waits for it (held in front of the service),
 * and gives up when the cohort's windows are over. Publishes each citizen's cohort for the
 * allocation rule `staggered-shares`.
 *
 * @module
 */
import { z } from "npm:zod@4.6.7";
import { anyNumber, nonNegativeNumber, positiveNumber, withRole } from "../../scenario/numbers.ts";
import { grown } from "../../engine/mod.ts";
import { StaggeredWindows } from "./staggered_windows.ts";
import type { CapacityControl } from "../hooks.ts";
import { defineMechanism } from "./mechanism.ts";

const windowSchema = z.strictObject({
  cohort: withRole(
    z.number({ error: "is not a number" }).int({ error: "is not an integer" }).min(0, {
      error: "is not a cohort number (integer >= 0)",
    }).max(1000, { error: "is not a cohort number (at most 1000)" }),
    "unscaled",
  ),
  start_seconds: anyNumber("time"),
  end_seconds: anyNumber("time"),
}).refine((window) => window.end_seconds > window.start_seconds, {
  error: "end_seconds must be after start_seconds",
  path: ["end_seconds"],
});

/** Staggered-access options. */
export const StaggeredSchema = z.strictObject({
  cohort_by: z.enum(["birth-month", "fiscal-code-letter", "region"], {
    error: "is not one of birth-month, fiscal-code-letter, region",
  }),
  letter_groups: z.array(z.string().regex(/^[A-Za-z]+$/, { error: "is not a group of letters" }))
    .min(1).max(26).optional().describe(
      'For fiscal-code-letter: e.g. ["ABC", "DEFG", ...] covering A–Z',
    ),
  windows: z.array(windowSchema).min(1, { error: "must hold at least one window" }).max(10_000)
    .optional(),
  consecutive: z.strictObject({
    first_opening_seconds: anyNumber("time"),
    spacing_seconds: positiveNumber("time"),
    duration_seconds: positiveNumber("time"),
  }).optional().describe("Cohort c opens at first_opening + c × spacing for duration"),
  cohort_shares: z.array(nonNegativeNumber("unscaled")).min(1).max(1000).optional().describe(
    "Share of citizens per cohort (normalised); absent: equal per birth month or region, " +
      "letters ÷ 26 per fiscal-code letter group",
  ),
}).refine((value) => (value.windows === undefined) !== (value.consecutive === undefined), {
  error: "give exactly one of windows or consecutive",
}).refine((value) => value.cohort_by !== "fiscal-code-letter" || value.letter_groups, {
  error: "cohort_by fiscal-code-letter needs letter_groups",
  path: ["letter_groups"],
}).superRefine((value, context) => {
  const cohorts = cohortCount(value);
  if (value.letter_groups) {
    const letters = value.letter_groups.join("").toUpperCase();
    const missing = [..."ABCDEFGHIJKLMNOPQRSTUVWXYZ"].filter((letter) => !letters.includes(letter));
    if (missing.length > 0 || letters.length !== 26) {
      context.addIssue({
        code: "custom",
        path: ["letter_groups"],
        input: value.letter_groups,
        message: `must hold each letter A–Z once (${
          missing.length > 0 ? `missing ${missing.join("")}` : "a letter is repeated"
        })`,
      });
    }
  }
  // every window names a cohort there is, and every cohort with citizens has a window
  (value.windows ?? []).forEach((window, index) => {
    if (window.cohort >= cohorts) {
      context.addIssue({
        code: "custom",
        path: ["windows", index, "cohort"],
        input: window.cohort,
        message: `is not a cohort of ${value.cohort_by}; allowed: 0–${cohorts - 1}`,
      });
    }
  });
  if (value.windows) {
    const open = new Set(value.windows.map((window) => window.cohort));
    const without = Array.from({ length: cohorts }, (_, cohort) => cohort).filter((cohort) =>
      !open.has(cohort) && (value.cohort_shares?.[cohort] ?? 1) > 0
    );
    if (without.length > 0) {
      context.addIssue({
        code: "custom",
        path: ["windows"],
        input: without,
        message: `give no window to cohort(s) ${without.join(", ")}, whose citizens could never ` +
          "enter; allowed: a window for every cohort (or a cohort_shares entry of 0)",
      });
    }
  }
  if (value.cohort_shares) {
    if (value.cohort_shares.length !== cohorts) {
      context.addIssue({
        code: "custom",
        path: ["cohort_shares"],
        input: value.cohort_shares,
        message: `has ${value.cohort_shares.length} shares, but cohort_by ${value.cohort_by} ` +
          `has ${cohorts} cohorts`,
      });
    } else if (!value.cohort_shares.some((share) => share > 0)) {
      context.addIssue({
        code: "custom",
        path: ["cohort_shares"],
        input: value.cohort_shares,
        message: "must not all be 0",
      });
    }
  }
});

/** Parsed staggered options. */
export type StaggeredConfig = z.output<typeof StaggeredSchema>;

/** Number of cohorts a staggered section defines. */
export function cohortCount(
  config: Pick<StaggeredConfig, "cohort_by" | "letter_groups">,
): number {
  switch (config.cohort_by) {
    case "birth-month":
      return 12;
    case "region":
      return 20;
    default:
      return config.letter_groups?.length ?? 1;
  }
}

/** Cumulative cohort shares: given, or equal per month/region, letters ÷ 26 per letter group. */
function cohortCumulative(config: StaggeredConfig): Float64Array {
  const shares = config.cohort_shares ??
    (config.cohort_by === "fiscal-code-letter"
      ? config.letter_groups!.map((group) => group.length)
      : new Array(cohortCount(config)).fill(1));
  const total = shares.reduce((sum, share) => sum + share, 0);
  let running = 0;
  return Float64Array.from(shares, (share) => (running += share / total));
}

/** The access windows of a staggered section. */
export function staggeredWindows(config: StaggeredConfig): StaggeredWindows {
  if (config.windows) {
    return new StaggeredWindows(
      config.windows.map((window) => ({
        cohort: window.cohort,
        start: window.start_seconds,
        end: window.end_seconds,
      })),
    );
  }
  const consecutive = config.consecutive!;
  return StaggeredWindows.consecutive(
    cohortCount(config),
    consecutive.first_opening_seconds,
    consecutive.spacing_seconds,
    consecutive.duration_seconds,
  );
}

/** The staggered-access mechanism. */
export const staggered = defineMechanism({
  key: "staggered",
  place: "section",
  description:
    "Access windows by cohort: a citizen arriving outside the cohort's window waits for it",
  schema: StaggeredSchema,
  build(config, context) {
    const windows = staggeredWindows(config);
    const cumulative = cohortCumulative(config);
    const uniform = context.stream("cohorts").random;
    let cohortOf = new Int32Array(4096);
    let control: CapacityControl;
    const abandon = (citizen: number) => control.abandonCitizen(citizen);
    const release = context.citizenStage({
      arrive(now, citizen) {
        if (citizen >= cohortOf.length) {
          cohortOf = grown(cohortOf, Math.max(citizen + 1, 2 * cohortOf.length));
        }
        const u = uniform();
        let cohort = 0;
        while (cohort < cumulative.length - 1 && u >= cumulative[cohort]) cohort++;
        cohortOf[citizen] = cohort;
        const opening = windows.nextOpening(cohort, now);
        if (opening === now) return true;
        // the cohort's windows are over: the citizen gives up; else waits for the window
        if (opening === Infinity) control.schedule(0, abandon, citizen);
        else control.schedule(opening - now, windowOpens, citizen);
        return false;
      },
    });
    const windowOpens = (citizen: number) => release(citizen);
    context.shared.cohortOf = (citizen) => citizen < cohortOf.length ? cohortOf[citizen] : 0;
    context.shared.cohortClosings = Array.from(
      { length: windows.cohorts },
      (_, cohort) => windows.lastClosing(cohort),
    );
    return {
      hooks: {
        onStart(started) {
          control = started;
        },
      },
    };
  },
});
