/**
 * `deno task soak [minutes] [seed]`: the fuzzer (`fuzz.ts`) for longer (default 10 minutes)
 * with a fresh seed (printed, so a failure can be replayed), one line per case on stdout.
 *
 * @module
 */
import { runFuzz } from "./fuzz.ts";

if (Deno.args[0] === "--help" || Deno.args[0] === "-h") {
  console.log(
    "usage: deno task soak [MINUTES] [SEED]\n\nRuns the fuzzer of deno task test for MINUTES " +
      "(default 10) with SEED (default: a fresh one, printed), one line per case.",
  );
  Deno.exit(0);
}
const minutes = Number(Deno.args[0] ?? 10);
const seed = Deno.args[1] === undefined ? Date.now() % 2 ** 31 : Number(Deno.args[1]);
const refuse = (field: string, value: string, allowed: string): never => {
  console.error(
    `soak: ${field}: got ${JSON.stringify(value)}; allowed: ${allowed}\n` +
      "usage: deno task soak [MINUTES] [SEED]",
  );
  Deno.exit(2);
};
if (Deno.args.length > 2) refuse("argument", Deno.args[2], "at most MINUTES and SEED");
if (!(minutes > 0 && minutes <= 7 * 24 * 60)) {
  refuse("MINUTES", Deno.args[0], "a number > 0 and ≤ 10080 (a week)");
}
if (!(Number.isSafeInteger(seed) && seed >= 0)) {
  refuse("SEED", Deno.args[1], `an integer ≥ 0 and ≤ ${Number.MAX_SAFE_INTEGER}`);
}
console.log(`soak: ${minutes} min, seed ${seed}`);
try {
  const summary = await runFuzz({
    seed,
    timeLimitMs: minutes * 60_000,
    numRuns: 1_000_000,
    log: (line) => console.log(line),
  });
  console.log(`soak passed: ${JSON.stringify(summary)}`);
} catch (error) {
  const cause = (error as Error).cause as Error | undefined;
  console.error(
    `soak failed (seed ${seed}): ${cause?.message ?? ""}\n${
      (error as Error).message.slice(0, 3000)
    }`,
  );
  Deno.exit(1);
}
