/**
 * Input files are read within bounds (README, "Bounds"): a file nested far deeper than 64
 * levels is refused without exhausting the stack, and a device, a pipe or a folder given as a
 * scenario, an experiment or a trace CSV is refused before it is read (its reported size is
 * 0, so a size check alone let `/dev/zero` be read until memory ran out). Exit 2, no trace.
 */
import assert from "node:assert/strict";
import { ROOT, sim } from "../cli/helpers.ts";

function assertExit2(result: { code: number; stderr: string }, message: RegExp): void {
  assert.equal(result.code, 2, result.stderr);
  assert.match(result.stderr, message);
  assert.doesNotMatch(result.stderr, /\n\s+at /, "a stack trace was printed");
}

Deno.test("hostile input files: deep nesting, devices and folders are refused with exit 2", async () => {
  const folder = Deno.makeTempDirSync({ prefix: "clickday-bounds-" });
  try {
    const mmc = JSON.parse(Deno.readTextFileSync(`${ROOT}/data/scenarios/mmc.json`));
    const deep = JSON.stringify(mmc).slice(0, -1) + `,"x":${"[".repeat(5000)}${"]".repeat(5000)}}`;
    Deno.writeTextFileSync(`${folder}/deep.json`, deep);
    assertExit2(await sim([`${folder}/deep.json`, "--print-resolved"]), /nested deeper than 64/);
    assertExit2(await sim(["/dev/zero", "--print-resolved"]), /not a regular file/);
    assertExit2(await sim([folder, "--print-resolved"]), /not a regular file \(a folder\)/);
    mmc.demand.arrivals = { kind: "trace", csv: "/dev/zero" };
    Deno.writeTextFileSync(`${folder}/trace.json`, JSON.stringify(mmc));
    assertExit2(await sim([`${folder}/trace.json`, "--print-resolved"]), /trace csv.*regular file/);
    const experiment = { name: "zero", scenarios: ["/dev/zero"], replications: 1 };
    Deno.writeTextFileSync(`${folder}/experiment.json`, JSON.stringify(experiment));
    assertExit2(
      await sim(["--experiment", `${folder}/experiment.json`]),
      /scenarios\[0\][^]*not a regular file/,
    );
    assertExit2(await sim(["--experiment", "/dev/zero"]), /experiment file.*not a regular file/);
  } finally {
    Deno.removeSync(folder, { recursive: true });
  }
});
