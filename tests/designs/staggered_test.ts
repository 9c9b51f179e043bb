import assert from "node:assert/strict";
import {
  birthMonthCohort,
  fiscalCodeLetterCohorts,
  ITALIAN_REGIONS,
  regionCohort,
  StaggeredWindows,
} from "../../sim/model/mod.ts";

Deno.test("staggered windows open each cohort only in its own window", () => {
  const day = 86_400;
  const windows = StaggeredWindows.consecutive(12, 8 * 3600, day, 12 * 3600);
  const march = birthMonthCohort(3);
  const opens = 8 * 3600 + 2 * day;
  assert.equal(windows.isOpen(march, opens - 1), false);
  assert.equal(windows.isOpen(march, opens), true);
  assert.equal(windows.isOpen(march, opens + 12 * 3600), false); // end is exclusive
  assert.equal(windows.nextOpening(march, 0), opens);
  assert.equal(windows.nextOpening(march, opens + 5), opens + 5);
  assert.equal(windows.nextOpening(march, opens + day), Infinity);
  assert.equal(windows.isOpen(12, opens), false); // no such cohort
});

Deno.test("a cohort may have several windows", () => {
  const windows = new StaggeredWindows([
    { cohort: 1, start: 100, end: 200 },
    { cohort: 0, start: 0, end: 50 },
    { cohort: 1, start: 10, end: 20 },
  ]);
  assert.equal(windows.cohorts, 2);
  assert.equal(windows.nextOpening(1, 0), 10);
  assert.equal(windows.nextOpening(1, 25), 100);
  assert.equal(windows.isOpen(1, 150), true);
  assert.equal(windows.lastClosing(1), 200);
  assert.throws(
    () => new StaggeredWindows([{ cohort: 0, start: 5, end: 5 }]),
    /windows\[0\] must have a finite start before its end/,
  );
});

Deno.test("cohort helpers: birth month, fiscal-code letter groups, region", () => {
  assert.equal(birthMonthCohort(1), 0);
  assert.equal(birthMonthCohort(12), 11);
  assert.throws(() => birthMonthCohort(13), /birth month must be an integer in \[1, 12\], got 13/);
  const letterCohort = fiscalCodeLetterCohorts(["ABCDE", "FGHIJKL", "MNOPQR", "STUVWXYZ"]);
  assert.equal(letterCohort("r"), 2);
  assert.equal(letterCohort("Z"), 3);
  assert.throws(() => fiscalCodeLetterCohorts(["ABC"]), /miss the letters DEF/);
  assert.equal(ITALIAN_REGIONS.length, 20);
  assert.equal(regionCohort("Lazio"), 11);
  assert.throws(() => regionCohort("Padania"), /unknown region "Padania"/);
});

Deno.test("staggered windows: a cohort that does not exist, or one left without a window, is refused", async () => {
  const { StaggeredSchema } = await import("../../sim/model/mechanisms/staggered.ts");
  const window = (cohort: number) => ({ cohort, start_seconds: 0, end_seconds: 60 });
  const months = Array.from({ length: 12 }, (_, month) => window(month));
  assert.ok(StaggeredSchema.safeParse({ cohort_by: "birth-month", windows: months }).success);
  const month13 = StaggeredSchema.safeParse({
    cohort_by: "birth-month",
    windows: [...months, window(13)],
  });
  assert.match(JSON.stringify(month13.error?.issues), /not a cohort of birth-month; allowed: 0–11/);
  const missing = StaggeredSchema.safeParse({ cohort_by: "birth-month", windows: [window(0)] });
  assert.match(JSON.stringify(missing.error?.issues), /no window to cohort\(s\) 1, 2, 3/);
  // a cohort given no citizens needs no window
  const shares = Array.from({ length: 12 }, (_, month) => (month === 0 ? 1 : 0));
  assert.ok(
    StaggeredSchema.safeParse({
      cohort_by: "birth-month",
      windows: [window(0)],
      cohort_shares: shares,
    })
      .success,
  );
  const letters = StaggeredSchema.safeParse({
    cohort_by: "fiscal-code-letter",
    letter_groups: ["AB", "AB"],
    windows: [window(0), window(1)],
  });
  assert.match(JSON.stringify(letters.error?.issues), /each letter A–Z once \(missing CDEFG/);
});
