/**
 * Mechanism `waiting_room`: a virtual waiting room in front of the whole service (like
 * Queue-it or Cloudflare's): arriving citizens queue and are admitted at a fixed rate once it
 * opens, in arrival order or shuffled for those who came before the opening; an admission
 * token may expire; citizens may leave on seeing the expected wait and come back later.
 *
 * @module
 */
import { z } from "npm:zod@4.6.7";
import { anyNumber, positiveNumber, probability } from "../../scenario/numbers.ts";
import type { CapacityControl } from "../hooks.ts";
import { ROOM_DONE, WaitingRoom } from "./waiting_room_queue.ts";
import { defineMechanism } from "./mechanism.ts";

/** Waiting-room options. */
export const WaitingRoomSchema = z.strictObject({
  admission_rate_per_second: positiveNumber("rate").describe("Admissions per second, citizens/s"),
  opening_seconds: anyNumber("time").describe("When admissions start, seconds from the origin"),
  ordering: z.enum(["fifo", "random-before-opening"], {
    error: "is not one of fifo, random-before-opening",
  }).default("fifo"),
  token_validity_seconds: positiveNumber("time").nullable().default(null).describe(
    "Session length after admission; null: unlimited (bonus mobilità: 1200)",
  ),
  balking: z.strictObject({
    mean_tolerance_seconds: positiveNumber("time").describe(
      "Mean of the (exponential) wait a citizen tolerates",
    ),
    max_probability: probability().default(1).describe("Share who would ever leave"),
  }).nullable().default(null).describe("Leaving on seeing the expected wait; null: nobody leaves"),
  mean_return_seconds: positiveNumber("time").nullable().default(null).describe(
    "Mean (exponential) time until a citizen who left comes back; null: never",
  ),
});

/** The waiting-room mechanism. */
export const waitingRoom = defineMechanism({
  key: "waiting_room",
  place: "section",
  description: "Virtual waiting room in front of the whole service (holds arriving citizens)",
  schema: WaitingRoomSchema,
  build(config, context) {
    let room: WaitingRoom;
    let control: CapacityControl;
    const length = context.level();
    const abandon = (citizen: number) => control.abandonCitizen(citizen);
    const release = context.citizenStage({
      arrive(now, citizen) {
        if (!room.join(citizen, now) && room.stateOf(citizen) === ROOM_DONE) {
          control.schedule(0, abandon, citizen); // balked for good
        }
        return false;
      },
    });
    const balking = config.balking;
    const complete = (_now: number, citizen: number) => room.complete(citizen);
    return {
      hooks: {
        onStart(started) {
          control = started;
          const meanReturn = config.mean_return_seconds;
          room = new WaitingRoom(started.environment, {
            citizens: 4096,
            admissionRatePerSecond: config.admission_rate_per_second,
            openingTime: config.opening_seconds,
            ordering: config.ordering,
            tokenValiditySeconds: config.token_validity_seconds ?? Infinity,
            balkingProbability: balking
              ? (wait) =>
                balking.max_probability *
                (1 - Math.exp(-Math.max(0, wait) / balking.mean_tolerance_seconds))
              : undefined,
            returnDelay: meanReturn === null
              ? undefined
              : context.stream("waiting-room-return").exponential(1 / meanReturn),
            random: context.stream("waiting-room"),
            onAdmit: release,
            onExpire: (citizen) => started.expireCitizen(citizen),
            onLengthChange: (queued) => length.set(started.now, queued),
          });
        },
        onSuccess: complete,
        onGiveUp: complete,
      },
      finish: (end) => ({
        series: [{ metric: "waiting_room_length", values: length.means(end.now) }],
      }),
    };
  },
});
