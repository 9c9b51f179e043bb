/**
 * The `tier` field of a server-side mechanism: the scenario tier it sits in front of.
 *
 * @module
 */
import { z } from "npm:zod@4.6.7";

/** A tier name; absent: the edge (the first tier of the first operation's route). */
// deno-lint-ignore explicit-module-boundary-types
export const tierField = () =>
  z.string({ error: "is not a string" }).regex(/^[A-Za-z0-9_.-]{1,64}$/, {
    error: "is not a tier name (letters, digits, _ . -)",
  }).optional().describe("Tier name; absent: the first tier of the first operation's route");
