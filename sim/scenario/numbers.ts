/**
 * Sourced numeric field schemas with error messages that read as
 * `path: value is not a positive integer`.
 *
 * @module
 */
import { z } from "zod";
import { sourced } from "./sourced.ts";

const finite = () => z.number({ error: "is not a number" });

/** A number > 0 (plain or sourced). */
// deno-lint-ignore explicit-module-boundary-types
export const positiveNumber = () =>
  sourced(finite().positive({ error: "is not a positive number" }));

/** A number ≥ 0 (plain or sourced). */
// deno-lint-ignore explicit-module-boundary-types
export const nonNegativeNumber = () =>
  sourced(finite().nonnegative({ error: "is not a non-negative number" }));

/** An integer > 0 (plain or sourced). */
// deno-lint-ignore explicit-module-boundary-types
export const positiveInteger = () =>
  sourced(
    finite().int({ error: "is not a positive integer" }).positive({
      error: "is not a positive integer",
    }),
  );

/** An integer ≥ 0 (plain or sourced). */
// deno-lint-ignore explicit-module-boundary-types
export const nonNegativeInteger = () =>
  sourced(
    finite().int({ error: "is not a non-negative integer" }).nonnegative({
      error: "is not a non-negative integer",
    }),
  );

/** A probability in [0, 1] (plain or sourced). */
// deno-lint-ignore explicit-module-boundary-types
export const probability = () =>
  sourced(
    finite().min(0, { error: "is not a probability in [0, 1]" }).max(1, {
      error: "is not a probability in [0, 1]",
    }),
  );

/** Any finite number (plain or sourced). */
// deno-lint-ignore explicit-module-boundary-types
export const anyNumber = () => sourced(finite());
