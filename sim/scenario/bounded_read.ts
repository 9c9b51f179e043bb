/**
 * Reading an input file (a scenario, an experiment, a trace CSV) within bounds: a regular file
 * (not a device such as `/dev/zero`, a pipe or a folder, whose reported size says nothing), of at
 * most a given size, and JSON nested at most so deep — checked without recursing into deeper
 * levels, so a hostile file cannot exhaust the stack.
 *
 * @module
 */

/**
 * The text of the regular file at `path` if it holds at most `maxBytes` bytes.
 *
 * @throws Error (its message says why, without the path) when it is not a regular file or is
 *   larger; Deno's errors when it cannot be read.
 */
export function readBoundedTextFile(path: string, maxBytes: number): string {
  requireBounded(Deno.statSync(path), maxBytes);
  return Deno.readTextFileSync(path);
}

/** {@link readBoundedTextFile}, without blocking. */
export async function readBoundedTextFileAsync(path: string, maxBytes: number): Promise<string> {
  requireBounded(await Deno.stat(path), maxBytes);
  return await Deno.readTextFile(path);
}

function requireBounded(info: Deno.FileInfo, maxBytes: number): void {
  if (!info.isFile) {
    throw new Error(`not a regular file (${info.isDirectory ? "a folder" : "a device or pipe"})`);
  }
  if (info.size > maxBytes) throw new Error(`${info.size} bytes; at most ${maxBytes} allowed`);
}

/**
 * Depth of nesting of a JSON value (a number is 0, `[1]` is 1), or `limit + 1` as soon as it
 * is known to be deeper than `limit` (the walk never goes further down than that).
 */
export function jsonDepthWithin(node: unknown, limit: number): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[node, 0]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (typeof value !== "object" || value === null) continue;
    const level = depth + 1;
    if (level > limit) return limit + 1;
    if (level > deepest) deepest = level;
    for (const child of Object.values(value as Record<string, unknown>)) stack.push([child, level]);
  }
  return deepest;
}
