import assert from "node:assert/strict";
import { type AdmissionGate, runReplication } from "../../sim/model/mod.ts";
import { singleTier } from "./scenario_builder.ts";

Deno.test("hooks: an admission gate rejects, a controller sets servers, successes are reported", () => {
  let asked = 0;
  let released = 0;
  const gate: AdmissionGate = {
    admit: () => ++asked % 2 === 0,
    release: () => {
      released++;
    },
  };
  const succeeded: number[] = [];
  const result = runReplication(singleTier({ horizon_seconds: 400 }), "base", 0, {
    hooks: {
      admission: { app: gate },
      onSuccess: (_now, citizen) => succeeded.push(citizen),
      onStart: (control) => {
        control.schedule(200, () => control.setServers(0, 3));
      },
    },
  });
  const summary = (metric: string) => result.summaries.find((row) => row.metric === metric)!.value;
  const rejected = result.series.filter((row) => row.metric === "failed_rejected_per_s")
    .reduce((total, row) => total + row.value * row.bin_width, 0);
  assert.equal(rejected, Math.floor(asked / 2) + (asked % 2));
  assert.equal(released, summary("successes"));
  assert.equal(succeeded.length, summary("citizens_succeeded"));
  assert.equal(new Set(succeeded).size, succeeded.length, "each citizen succeeds once");
  assert.ok(succeeded.every((citizen) => citizen >= 0 && citizen < summary("citizens")));
  const servers = result.series.filter((row) => row.metric === "servers:app");
  assert.equal(servers.find((row) => row.bin_start === 100)!.value, 10);
  assert.equal(servers.find((row) => row.bin_start === 300)!.value, 3);
});

Deno.test("citizen gate: held citizens wait outside, then start or give up when told", () => {
  const held: number[] = [];
  const gaveUp: number[] = [];
  const result = runReplication(singleTier({ horizon_seconds: 300 }), "base", 0, {
    hooks: {
      citizenGate: {
        arrive: (now, citizen) => {
          if (now >= 100) return true;
          held.push(citizen);
          return false;
        },
      },
      onGiveUp: (_now, citizen) => gaveUp.push(citizen),
      onStart: (control) => {
        control.schedule(100, () => {
          assert.equal(control.heldCitizens, held.length);
          held.forEach((citizen, index) => {
            if (index % 2 === 0) control.admitCitizen(citizen);
            else control.abandonCitizen(citizen);
          });
          control.admitCitizen(held[0]); // already admitted: ignored
        });
      },
    },
  });
  const room = result.series.filter((row) => row.metric === "waiting_room_length");
  assert.ok(room.find((row) => row.bin_start === 90)!.value > 400, "about 5/s × 90 s held");
  assert.equal(room.find((row) => row.bin_start === 150)!.value, 0);
  const summary = (metric: string) => result.summaries.find((row) => row.metric === metric)!.value;
  assert.equal(summary("citizens_gave_up"), Math.floor(held.length / 2));
  assert.deepEqual(gaveUp, held.filter((_, index) => index % 2 === 1));
  const firstAttempts = result.series.filter((row) => row.metric === "offered_first_per_s");
  assert.equal(firstAttempts.find((row) => row.bin_start === 50)!.value, 0, "nobody served early");
});
