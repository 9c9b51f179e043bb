/**
 * The engine's own normal and log-normal samplers (Marsaglia's polar method, written out for
 * speed) must give d3-random's numbers bit for bit, and leave the stream where d3 leaves it:
 * results are reproducible across versions only if the random stream does not move.
 */
import assert from "node:assert/strict";
import { randomLogNormal, randomNormal } from "npm:d3-random@3.0.2";
import { RandomStreams } from "../../sim/engine/random.ts";

const CASES: Array<[number, number]> = [
  [0, 1],
  [10, 2],
  [-2.7, 0.83],
  [Math.log(0.07) - 0.3465, 0.8325546111576977],
  [1e-3, 0],
  [5, 1e-9],
];

Deno.test("normal and logNormal draw d3-random's numbers bit for bit", () => {
  for (const [mu, sigma] of CASES) {
    for (const seed of [0, 1, 7, 123456]) {
      const ours = new RandomStreams(seed).stream("x");
      const d3 = new RandomStreams(seed).stream("x");
      const normal = ours.normal(mu, sigma);
      const normalD3 = randomNormal.source(d3.random)(mu, sigma);
      const oursLog = new RandomStreams(seed).stream("y");
      const d3Log = new RandomStreams(seed).stream("y");
      const logNormal = oursLog.logNormal(mu, sigma);
      const logNormalD3 = randomLogNormal.source(d3Log.random)(mu, sigma);
      for (let i = 0; i < 50_001; i++) { // odd: the stream ends with a cached half-pair
        const [a, b] = [normal(), normalD3()];
        if (!Object.is(a, b)) {
          assert.fail(`normal(${mu}, ${sigma}) seed ${seed} draw ${i}: ${a} ≠ ${b}`);
        }
        const [c, d] = [logNormal(), logNormalD3()];
        if (!Object.is(c, d)) {
          assert.fail(`logNormal(${mu}, ${sigma}) seed ${seed} draw ${i}: ${c} ≠ ${d}`);
        }
      }
      assert.equal(ours.random(), d3.random(), "the stream moved differently");
      assert.equal(oursLog.random(), d3Log.random(), "the stream moved differently");
    }
  }
});
