/**
 * Writing a chart's files (.svg, .png, .html) atomically: each is written to a temporary file
 * in the same folder, then renamed over the target, so a reader never sees half a file.
 *
 * @module
 */
import type { Chart } from "./chart.ts";

/** Which files `writeChartFiles` writes (all by default) and the PNG scale. */
export interface WriteChartFilesOptions {
  /** Formats to write (default `["svg", "png", "html"]`). */
  formats?: readonly ("svg" | "png" | "html")[];
  /** PNG scale relative to the SVG size (default 2). */
  pngScale?: number;
}

/** Paths of the files written, by format. */
export type WrittenChartFiles = Partial<Record<"svg" | "png" | "html", string>>;

/** Writes bytes or text to `path` atomically (temporary file in the same folder, then rename). */
export async function writeFileAtomic(path: string, content: string | Uint8Array): Promise<void> {
  const slash = Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\"));
  const dir = slash >= 0 ? path.slice(0, slash) : ".";
  const base = slash >= 0 ? path.slice(slash + 1) : path;
  const temporary = await Deno.makeTempFile({ dir, prefix: `.${base}.`, suffix: ".tmp" });
  try {
    if (typeof content === "string") await Deno.writeTextFile(temporary, content);
    else await Deno.writeFile(temporary, content);
    // makeTempFile creates the file private (0600); published charts are world-readable.
    if (Deno.build.os !== "windows") await Deno.chmod(temporary, 0o644);
    await Deno.rename(temporary, path);
  } catch (error) {
    await Deno.remove(temporary).catch(() => {});
    throw error;
  }
}

/**
 * Writes `<dir>/<name>.svg`, `.png` and `.html` for a chart (creating `dir`), each atomically.
 * `name` must be a plain file name (letters, digits, `-`, `_`, `.`).
 */
export async function writeChartFiles(
  chart: Chart,
  dir: string,
  name: string,
  options: WriteChartFilesOptions = {},
): Promise<WrittenChartFiles> {
  if (!/^[A-Za-z0-9._-]+$/.test(name) || name.startsWith(".")) {
    throw new RangeError(
      `name: ${JSON.stringify(name)} is not a plain file name; use letters, digits, "-", "_", "."`,
    );
  }
  const formats = options.formats ?? ["svg", "png", "html"];
  await Deno.mkdir(dir, { recursive: true });
  const written: WrittenChartFiles = {};
  for (const format of formats) {
    const path = `${dir.replace(/[/\\]+$/, "")}/${name}.${format}`;
    if (format === "svg") await writeFileAtomic(path, await chart.toSVG());
    else if (format === "png") await writeFileAtomic(path, await chart.toPNG(options.pngScale));
    else if (format === "html") await writeFileAtomic(path, await chart.toHTML());
    else throw new RangeError(`formats: ${JSON.stringify(format)} is not svg, png or html`);
    written[format] = path;
  }
  return written;
}
