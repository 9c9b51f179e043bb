/** The progress bar's text. */
import assert from "node:assert/strict";
import { formatDuration, progressLine } from "../../sim/experiment/progress.ts";

Deno.test("the progress line shows done/total, percentage and ETA", () => {
  assert.equal(
    progressLine("exp", 10, 40, 20),
    "exp [######------------------] 10/40 25% ETA 1m00s",
  );
  assert.match(progressLine("exp", 0, 40, 0), /0\/40 0% ETA \?$/);
  assert.equal(formatDuration(3725), "1h02m");
  assert.equal(formatDuration(42), "42s");
});
