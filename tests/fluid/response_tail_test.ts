/**
 * The timeout tails: the exact FIFO response-time tail against independent computations
 * (a Poisson sum for one server, numerical convolution for several), the fluid model's normal
 * approximation within its Berry–Esseen bound, and erfc / the incomplete gamma against
 * reference values.
 */
import assert from "node:assert/strict";
import {
  erfc,
  exactTimeoutProbability,
  fluidTimeoutProbability,
  logRegularizedGamma,
  normalApproximationBound,
} from "../../sim/fluid/response_tail.ts";

function close(actual: number, expected: number, relative: number, label: string): void {
  assert.ok(
    Math.abs(actual - expected) <= relative * Math.abs(expected),
    `${label}: got ${actual}, expected ${expected} (relative tolerance ${relative})`,
  );
}

Deno.test("erfc and the regularized incomplete gamma match reference values", () => {
  close(erfc(0), 1, 1.2e-7, "erfc(0)");
  close(erfc(1), 0.15729920705028513, 1.2e-7, "erfc(1)");
  close(erfc(3), 2.209049699858544e-5, 1.2e-7, "erfc(3)");
  close(erfc(6), 2.1519736712498913e-17, 1.2e-7, "erfc(6)");
  close(erfc(-1), 1.8427007929497148, 1.2e-7, "erfc(-1)");
  for (const x of [0.1, 1, 5, 30]) {
    const { logP, logQ } = logRegularizedGamma(1, x);
    close(Math.exp(logQ), Math.exp(-x), 1e-12, `Q(1, ${x})`);
    close(Math.exp(logP), -Math.expm1(-x), 1e-12, `P(1, ${x})`);
  }
  for (const [a, x] of [[5, 2], [5, 9], [50, 45], [200, 260]]) {
    const { logP, logQ } = logRegularizedGamma(a, x);
    close(Math.exp(logP) + Math.exp(logQ), 1, 1e-12, `P + Q at (${a}, ${x})`);
  }
});

Deno.test("exact tail, one server: P(Erlang(n + 1, μ) > τ) as a Poisson sum", () => {
  const service = { serviceRate: 10, servers: 1, timeout: 3 };
  for (const n of [0, 1, 5, 20, 29, 40, 80]) {
    // Independent: Σ_{i ≤ n} e^{−μτ}(μτ)^i/i!, terms by recursion.
    const x = service.serviceRate * service.timeout;
    let term = Math.exp(-x);
    let sum = term;
    for (let i = 1; i <= n; i++) {
      term *= x / i;
      sum += term;
    }
    close(exactTimeoutProbability(service, n), Math.min(1, sum), 1e-10, `n = ${n}`);
  }
});

Deno.test("exact tail, several servers: matches numerical convolution of Erlang wait and service", () => {
  const service = { serviceRate: 2, servers: 4, timeout: 2.5 };
  const beta = service.servers * service.serviceRate;
  for (const n of [2, 4, 10, 20, 30]) {
    const k = Math.max(n - service.servers + 1, 0);
    let expected: number;
    if (k === 0) {
      expected = Math.exp(-service.serviceRate * service.timeout);
    } else {
      // P(W > τ) + ∫_0^τ f_W(w)·e^{−μ(τ − w)} dw by Simpson's rule; P(W > τ) by a Poisson sum.
      const x = beta * service.timeout;
      let term = Math.exp(-x);
      let waitTail = term;
      for (let i = 1; i < k; i++) {
        term *= x / i;
        waitTail += term;
      }
      let logFactorial = 0;
      for (let i = 2; i < k; i++) logFactorial += Math.log(i);
      const density = (w: number) =>
        w <= 0
          ? (k === 1 ? beta : 0)
          : Math.exp(k * Math.log(beta) + (k - 1) * Math.log(w) - beta * w - logFactorial);
      const steps = 20000;
      const h = service.timeout / steps;
      let integral = 0;
      for (let i = 0; i <= steps; i++) {
        const w = i * h;
        const weight = i === 0 || i === steps ? 1 : i % 2 === 1 ? 4 : 2;
        integral += weight * density(w) * Math.exp(-service.serviceRate * (service.timeout - w));
      }
      expected = waitTail + (integral * h) / 3;
    }
    close(exactTimeoutProbability(service, n), expected, 1e-8, `n = ${n}`);
  }
});

Deno.test("the fluid's normal approximation stays within the Berry–Esseen bound, which shrinks", () => {
  for (
    const service of [
      { serviceRate: 10, servers: 1, timeout: 3 },
      { serviceRate: 2, servers: 4, timeout: 2.5 },
      { serviceRate: 0.5, servers: 20, timeout: 5 },
    ]
  ) {
    let worst = 0;
    for (let n = 0; n <= 300; n++) {
      const error = Math.abs(
        exactTimeoutProbability(service, n) - fluidTimeoutProbability(service, n),
      );
      const bound = normalApproximationBound(service, n);
      assert.ok(error <= bound, `n = ${n}: |Δf| = ${error} > bound ${bound}`);
      worst = Math.max(worst, error);
    }
    assert.ok(normalApproximationBound(service, 10000) < normalApproximationBound(service, 100));
    assert.ok(worst > 0, "the two tails differ somewhere (the test can see a difference)");
  }
});
