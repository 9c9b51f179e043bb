/**
 * Doubling growth of struct-of-arrays columns: a copy of a typed array with a larger length,
 * its first elements kept and the rest filled with `fill`.
 *
 * @module
 */

/** Any typed-array column the engine and the model grow. */
export type Column = Int32Array | Uint32Array | Float64Array | Uint8Array;

/** A copy of `array` with `size` elements (≥ its length), the new ones set to `fill`. */
export function grown<T extends Column>(array: T, size: number, fill = 0): T {
  const next = new (array.constructor as new (size: number) => T)(size);
  next.set(array);
  if (fill !== 0) next.fill(fill, array.length);
  return next;
}
