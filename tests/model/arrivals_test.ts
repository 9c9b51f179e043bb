import assert from "node:assert/strict";
import fc from "fast-check";
import {
  buildArrivalProfile,
  dailyProfile,
  piecewiseProfile,
  surgeProfile,
  ThinningArrivals,
} from "../../sim/model/mod.ts";
import type { ArrivalProfile } from "../../sim/model/mod.ts";
import { RandomStreams } from "../../sim/engine/mod.ts";
import { meanAndHalfWidth } from "./scenario_builder.ts";

const surge = surgeProfile({
  baselineRate: 10,
  rampStart: 100,
  preOpeningRate: 50,
  opening: 200,
  peakRate: 400,
  decay: 60,
  plateauRate: 40,
});

Deno.test("surge profile: baseline, linear build-up, spike at the opening, decay to plateau", () => {
  assert.equal(surge.rate(50), 10);
  assert.equal(surge.rate(150), 30);
  assert.equal(surge.rate(200), 400);
  assert.ok(Math.abs(surge.rate(260) - (40 + 360 * Math.exp(-1))) < 1e-9);
  assert.ok(Math.abs(surge.rate(5000) - 40) < 1e-6);
});

Deno.test("maxRate bounds the rate over any interval", () => {
  const profiles: ArrivalProfile[] = [
    surge,
    dailyProfile(100, 0.8, 3600 * 13, 86400),
    piecewiseProfile([0, 10, 20, 35], [5, 50, 0, 7]),
  ];
  fc.assert(
    fc.property(
      fc.double({ min: 0, max: 100000, noNaN: true }),
      fc.double({ min: 0, max: 2000, noNaN: true }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      (t0, width, fraction) => {
        for (const profile of profiles) {
          const bound = profile.maxRate(t0, t0 + width);
          assert.ok(profile.rate(t0 + fraction * width) <= bound * (1 + 1e-12));
        }
      },
    ),
  );
});

Deno.test("thinning draws as many arrivals as the integrated rate, within the CI", () => {
  // Λ over [0, 600] of the surge profile, by the trapezoid rule on a fine grid.
  let expected = 0;
  const step = 0.01;
  for (let t = 0; t < 600; t += step) {
    expected += ((surge.rate(t) + surge.rate(t + step)) / 2) * step;
  }
  const counts = Array.from({ length: 10 }, (_, replication) => {
    const arrivals = new ThinningArrivals(surge, new RandomStreams(replication).stream("a").random);
    let count = 0;
    for (let t = arrivals.next(0, 600); t < Infinity; t = arrivals.next(t, 600)) count++;
    return count;
  });
  const { mean, halfWidth } = meanAndHalfWidth(counts);
  assert.ok(Math.abs(mean - expected) <= halfWidth, `${mean} ± ${halfWidth} vs ${expected}`);
});

Deno.test("trace profiles are piecewise constant between their points, scaled", () => {
  const profile = buildArrivalProfile({ kind: "trace", points: [[0, 2], [10, 8]], scale: 1.5 }, 2);
  assert.equal(profile.rate(5), 6);
  assert.equal(profile.rate(12), 24);
});
