/**
 * SVG to PNG with resvg (WebAssembly), offline: the wasm comes from the npm package and the
 * font from the system. resvg-wasm sees no system fonts, so text needs a TrueType font passed
 * in: DejaVu Sans (Debian/Ubuntu `fonts-dejavu-core`, which CI installs) or another common
 * sans-serif, or one given with `setChartFonts`.
 *
 * @module
 */
import { initWasm, Resvg } from "npm:@resvg/resvg-wasm@2.6.2";
import { resvgModule } from "./resvg_wasm.js";

/** Font files tried in order for PNG export (first regular, then optional bold faces). */
export const FONT_CANDIDATES: readonly string[] = [
  "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
  "/usr/share/fonts/TTF/DejaVuSans.ttf",
  "/usr/share/fonts/dejavu/DejaVuSans.ttf",
  "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf",
  "/usr/local/share/fonts/DejaVuSans.ttf",
  "/Library/Fonts/Arial.ttf",
  "/System/Library/Fonts/Supplemental/Arial.ttf",
  "C:\\Windows\\Fonts\\arial.ttf",
];

let wasmReady: Promise<void> | undefined;
let fonts: Uint8Array[] | undefined;

/** Initialises resvg's WebAssembly once per process (later calls reuse it). */
export function ensureResvg(): Promise<void> {
  wasmReady ??= initWasm(resvgModule);
  return wasmReady;
}

/** Uses these TrueType/OpenType font files (bytes) for PNG export instead of the system's. */
export function setChartFonts(fontFiles: Uint8Array[]): void {
  if (fontFiles.length === 0) throw new RangeError("setChartFonts: give at least one font file");
  fonts = fontFiles;
}

/** The fonts PNG export uses: those set with `setChartFonts`, else the first system font found. */
export function chartFonts(): Uint8Array[] {
  if (fonts) return fonts;
  const denied: string[] = [];
  for (const path of FONT_CANDIDATES) {
    try {
      const regular = Deno.readFileSync(path);
      const found = [regular];
      const bold = path.replace(/\.ttf$/, "-Bold.ttf");
      try {
        found.push(Deno.readFileSync(bold));
      } catch { /* bold is optional: resvg falls back to the regular face */ }
      fonts = found;
      return fonts;
    } catch (error) {
      if (
        error instanceof Deno.errors.NotCapable || error instanceof Deno.errors.PermissionDenied
      ) {
        denied.push(path);
      }
    }
  }
  const hint = denied.length > 0
    ? ` Read access was denied for ${denied.join(", ")}: run with --allow-read=${
      denied[0].replace(/[/\\][^/\\]*$/, "")
    }.`
    : "";
  throw new Error(
    "PNG export needs a TrueType font and found none (resvg-wasm cannot see system fonts). " +
      `Tried: ${FONT_CANDIDATES.join(", ")}.${hint} Install DejaVu Sans ` +
      "(Debian/Ubuntu: apt-get install fonts-dejavu-core) or call setChartFonts([fontBytes]).",
  );
}

/**
 * Renders an SVG document to PNG bytes at `scale` times its size (default 2, for sharp
 * slides). Text uses `chartFonts()`.
 */
export async function svgToPNG(svg: string, scale = 2): Promise<Uint8Array> {
  if (!(Number.isFinite(scale) && scale > 0 && scale <= 16)) {
    throw new RangeError(`scale: ${scale} is not allowed; use a number in (0, 16]`);
  }
  await ensureResvg();
  const renderer = new Resvg(svg, {
    font: {
      fontBuffers: chartFonts(),
      defaultFontFamily: "DejaVu Sans",
      sansSerifFamily: "DejaVu Sans",
    },
    fitTo: { mode: "zoom", value: scale },
    background: "white",
  });
  try {
    const image = renderer.render();
    try {
      return image.asPng();
    } finally {
      image.free();
    }
  } finally {
    renderer.free();
  }
}
