/**
 * The Dormand–Prince integrator against closed forms: exponential decay, the harmonic
 * oscillator (solution and energy), the logistic equation; the global error stays within a
 * small multiple of the tolerance and shrinks with it; step counts are sane; breakpoints,
 * backward integration, dense output, early stops, clamping and the guards work.
 */
import assert from "node:assert/strict";
import { integrate } from "../../sim/analytic/ode.ts";

function close(actual: number, expected: number, tolerance: number, label: string): void {
  assert.ok(
    Math.abs(actual - expected) <= tolerance,
    `${label}: got ${actual}, expected ${expected} (±${tolerance})`,
  );
}

Deno.test("exponential decay y' = −k y: error within tolerance, fewer steps at looser tolerance", () => {
  const k = 0.7;
  const steps: number[] = [];
  for (const rtol of [1e-4, 1e-7, 1e-10]) {
    const result = integrate({
      derivative: (_t, y, dydt) => {
        dydt[0] = -k * y[0];
      },
      y0: [3],
      t0: 0,
      t1: 10,
      rtol,
      atol: 1e-14,
    });
    const exact = 3 * Math.exp(-k * 10);
    close(result.y[0], exact, 20 * rtol * exact, `rtol ${rtol}`);
    assert.equal(result.stopped, false);
    assert.equal(result.evaluations, 6 * (result.steps + result.rejected) + 2);
    steps.push(result.steps);
  }
  assert.ok(steps[0] < steps[1] && steps[1] < steps[2], `steps ${steps}`);
  // Fifth order: 1000× tighter tolerance costs about 1000^(1/5) ≈ 4× the steps, not 1000×.
  assert.ok(steps[2] < 12 * steps[1], `steps ${steps}`);
  assert.ok(steps[0] <= 30, `steps ${steps}`);
});

Deno.test("harmonic oscillator: position, velocity and energy after ten periods", () => {
  const omega = 2;
  const period = Math.PI;
  let worstEnergy = 0;
  const result = integrate({
    derivative: (_t, y, dydt) => {
      dydt[0] = y[1];
      dydt[1] = -omega * omega * y[0];
    },
    y0: [1, 0],
    t0: 0,
    t1: 10 * period,
    rtol: 1e-9,
    atol: 1e-12,
    onStep: (_t, y) => {
      const energy = 0.5 * (y[1] * y[1] + omega * omega * y[0] * y[0]);
      worstEnergy = Math.max(worstEnergy, Math.abs(energy - 2));
    },
  });
  close(result.y[0], 1, 1e-7, "x(10 T)");
  close(result.y[1], 0, 1e-6, "v(10 T)");
  assert.ok(worstEnergy < 1e-7, `energy drift ${worstEnergy}`);
  assert.ok(result.steps > 50 && result.steps < 2000, `steps ${result.steps}`);
});

Deno.test("logistic equation against its closed form, with dense output at chosen times", () => {
  const [r, capacity, start] = [1.5, 100, 2];
  const exact = (t: number) => capacity / (1 + ((capacity - start) / start) * Math.exp(-r * t));
  const times = Array.from({ length: 41 }, (_, i) => i * 0.25);
  const seen: number[] = [];
  let worst = 0;
  const result = integrate({
    derivative: (_t, y, dydt) => {
      dydt[0] = r * y[0] * (1 - y[0] / capacity);
    },
    y0: [start],
    t0: 0,
    t1: 10,
    rtol: 1e-8,
    atol: 1e-10,
    outputTimes: times,
    onOutput: (t, y) => {
      seen.push(t);
      worst = Math.max(worst, Math.abs(y[0] - exact(t)) / exact(t));
    },
  });
  assert.deepEqual(seen, times, "every output time, in order, once");
  assert.ok(worst < 1e-6, `dense output relative error ${worst}`);
  close(result.y[0], exact(10), 1e-6 * capacity, "y(10)");
  const plain = integrate({
    derivative: (_t, y, dydt) => {
      dydt[0] = r * y[0] * (1 - y[0] / capacity);
    },
    y0: [start],
    t0: 0,
    t1: 10,
    rtol: 1e-8,
    atol: 1e-10,
  });
  assert.equal(result.steps, plain.steps, "dense output costs no extra steps");
  assert.ok(result.steps > 10 && result.steps < 200, `steps ${result.steps}`);
});

Deno.test("breakpoints are landed on exactly; backward integration; early stop", () => {
  // A rate that jumps at t = 1 and t = 2.5: y is piecewise linear, exact at the breakpoints.
  const landed: number[] = [];
  const rate = (t: number) => (t < 1 ? 1 : t < 2.5 ? -2 : 0.5);
  const result = integrate({
    derivative: (t, _y, dydt) => {
      dydt[0] = rate(t);
    },
    y0: [0],
    t0: 0,
    t1: 4,
    breakpoints: [2.5, 1, 7, -1],
    onStep: (t) => {
      landed.push(t);
    },
  });
  assert.ok(landed.includes(1) && landed.includes(2.5), `${landed}`);
  close(result.y[0], 1 - 3 + 0.75, 1e-12, "y(4)");
  // Backwards: y' = y from t = 1 to 0 gives y(0) = y(1)/e.
  const back = integrate({
    derivative: (_t, y, dydt) => {
      dydt[0] = y[0];
    },
    y0: [Math.E],
    t0: 1,
    t1: 0,
    rtol: 1e-10,
  });
  close(back.y[0], 1, 1e-8, "backward");
  assert.equal(back.t, 0);
  // Stop when y' = 1 reaches 0.5.
  const stop = integrate({
    derivative: (_t, _y, dydt) => {
      dydt[0] = 1;
    },
    y0: [0],
    t0: 0,
    t1: 10,
    maxStep: 0.1,
    onStep: (_t, y) => y[0] < 0.5,
  });
  assert.ok(stop.stopped && stop.t >= 0.5 && stop.t < 0.61, `stopped at ${stop.t}`);
});

Deno.test("non-negative clamp keeps a draining population at 0", () => {
  // y' = −1 (a constant drain) would go negative after t = 1; clamped it stays at 0 while
  // the drain continues, and the unclamped component goes on.
  const result = integrate({
    derivative: (_t, y, dydt) => {
      dydt[0] = y[0] > 0 ? -1 : 0;
      dydt[1] = -1;
    },
    y0: [1, 1],
    t0: 0,
    t1: 3,
    nonNegative: [0],
    maxStep: 0.3,
  });
  assert.equal(result.y[0], 0);
  close(result.y[1], -2, 1e-9, "unclamped");
});

Deno.test("guards: max steps, non-finite derivative, bad options", () => {
  assert.throws(
    () =>
      integrate({
        derivative: (_t, y, dydt) => {
          dydt[0] = -1e7 * y[0] + Math.cos(_t); // stiff: tiny explicit steps
        },
        y0: [0],
        t0: 0,
        t1: 100,
        maxSteps: 1000,
      }),
    /maxSteps 1000/,
  );
  assert.throws(
    () =>
      integrate({
        derivative: (_t, _y, dydt) => {
          dydt[0] = NaN;
        },
        y0: [1],
        t0: 0,
        t1: 1,
      }),
    /not finite/,
  );
  const derivative = (_t: number, _y: Float64Array, dydt: Float64Array) => {
    dydt[0] = 0;
  };
  assert.throws(() => integrate({ derivative, y0: [1], t0: 0, t1: NaN }), /t1/);
  assert.throws(() => integrate({ derivative, y0: [1], t0: 0, t1: 1, rtol: -1 }), /rtol/);
  assert.throws(() => integrate({ derivative, y0: [1], t0: 0, t1: 1, atol: [-1] }), /atol/);
  const same = integrate({ derivative, y0: [5], t0: 2, t1: 2 });
  assert.equal(same.y[0], 5);
  assert.equal(same.steps, 0);
});
