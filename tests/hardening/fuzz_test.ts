/**
 * The fuzzer (`fuzz.ts`) in `deno task test`: about 40 s of cases with a fixed seed, so a
 * failure is reproducible (`deno task soak` runs it longer with fresh seeds).
 */
import assert from "node:assert/strict";
import { runFuzz } from "./fuzz.ts";

Deno.test({
  name: "fuzz: every command line, experiment and mutated scenario ends in exit 0 or 2, cleanly",
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const summary = await runFuzz({ seed: 20_251_118, timeLimitMs: 40_000, numRuns: 1500 });
    console.log(`fuzz: ${JSON.stringify(summary)}`);
    assert.ok(summary.cases >= 30, `only ${summary.cases} cases ran`);
    assert.ok((summary.codes[0] ?? 0) > 0, "no case succeeded: the fuzzer only tests refusals");
    assert.ok((summary.codes[2] ?? 0) > 0, "no case was refused");
  },
});
