/**
 * Headless Chromium for tests (charts, report, notebooks): launch the system Chromium through
 * playwright-core (never downloads a browser), block the network, collect console errors,
 * and check a page is not blank by decoding a screenshot.
 *
 * Chromium missing: `launchBrowser()` throws a clear error when `CI=true`, and otherwise
 * prints a line and returns `undefined` so the caller can skip.
 *
 * Deno permissions: the test task's `--allow-read --allow-write --allow-run --allow-env`
 * suffice. playwright-core also calls `os.homedir()` and `os.release()` when it loads
 * (needs `--allow-sys=homedir,osRelease`) and probes `/proc/sys/fs/binfmt_misc/WSLInterop`
 * (Deno asks `--allow-all` for `/proc/sys`). Without those permissions this module answers
 * the first two from `HOME` and a constant, and skips the WSL probe through the
 * `__IS_WSL_TEST__` switch of its bundled `is-wsl` (which then only runs when asked: it is used
 * to open URLs in a desktop browser, never to launch Chromium).
 *
 * @module
 */
import os from "node:os";
import { inflateSync } from "node:zlib";
import type { Browser, ConsoleMessage, Page } from "playwright-core";

/** Where Debian's `chromium` package installs the browser. */
export const CHROMIUM_PATH = "/usr/bin/chromium";

/** Chromium flags: headless, no sandbox (containers), no GPU, no background network. */
export const CHROMIUM_ARGS: readonly string[] = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** True when the system Chromium exists. */
export function chromiumAvailable(path = CHROMIUM_PATH): boolean {
  try {
    return Deno.statSync(path).isFile;
  } catch {
    return false;
  }
}

function preparePlaywrightForDeno(): void {
  const sys = (kind: "homedir" | "osRelease") =>
    Deno.permissions.querySync({ name: "sys", kind }).state === "granted";
  const patchable = os as unknown as { homedir: () => string; release: () => string };
  if (!sys("homedir")) patchable.homedir = () => Deno.env.get("HOME") ?? "/tmp";
  if (!sys("osRelease")) patchable.release = () => "0.0.0-unknown";
  Deno.env.set("__IS_WSL_TEST__", "1");
}

/** Options for `launchBrowser`. */
export interface LaunchOptions {
  /** Chromium executable (default `CHROMIUM_PATH`). */
  executablePath?: string;
}

/**
 * Launches headless Chromium (`/usr/bin/chromium`). Returns `undefined` (after printing why)
 * when Chromium is missing and `CI` is not `"true"`; throws when it is missing on CI.
 */
export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser | undefined> {
  const executablePath = options.executablePath ?? CHROMIUM_PATH;
  if (!chromiumAvailable(executablePath)) {
    const message =
      `Chromium not found at ${executablePath}: install it (apt-get install chromium)`;
    if (Deno.env.get("CI") === "true") throw new Error(`${message}; CI=true requires it`);
    console.log(`SKIP browser test: ${message}.`);
    return undefined;
  }
  preparePlaywrightForDeno();
  const { chromium } = await import("playwright-core");
  return await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS] });
}

/** What a page did that a test may forbid. */
export interface PageWatch {
  /** Console errors and uncaught exceptions, as text. */
  errors: string[];
  /** URLs the page tried to fetch from the network (blocked). */
  networkRequests: string[];
}

/**
 * Opens a page that records console errors and page errors, and blocks (and records) every
 * request that is not `file:`, `data:`, `blob:` or `about:` — charts must work offline.
 */
export async function openWatchedPage(browser: Browser): Promise<{ page: Page; watch: PageWatch }> {
  const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
  const watch: PageWatch = { errors: [], networkRequests: [] };
  page.on("console", (message: ConsoleMessage) => {
    if (message.type() === "error") watch.errors.push(`console.error: ${message.text()}`);
  });
  page.on("pageerror", (error: Error) => watch.errors.push(`page error: ${error.message}`));
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (/^(file|data|blob|about):/.test(url)) return route.continue();
    watch.networkRequests.push(url);
    return route.abort();
  });
  return { page, watch };
}

/** Throws, listing them, if the page logged console errors or tried to use the network. */
export function assertNoConsoleErrors(watch: PageWatch): void {
  if (watch.errors.length > 0) {
    throw new Error(`the page logged ${watch.errors.length} error(s):\n${watch.errors.join("\n")}`);
  }
  if (watch.networkRequests.length > 0) {
    throw new Error(
      `the page tried to use the network (must work offline):\n${watch.networkRequests.join("\n")}`,
    );
  }
}

/** A decoded 8-bit PNG: size and pixels as RGBA bytes. */
export interface DecodedPNG {
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
  /** RGBA bytes, row by row (width × height × 4). */
  rgba: Uint8Array;
}

const PNG_SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

/** Width and height from a PNG's IHDR chunk; throws if the bytes are not a PNG. */
export function pngDimensions(bytes: Uint8Array): { width: number; height: number } {
  if (bytes.length < 24 || PNG_SIGNATURE.some((value, index) => bytes[index] !== value)) {
    throw new Error("not a PNG: wrong signature");
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const type = new TextDecoder().decode(bytes.subarray(12, 16));
  if (type !== "IHDR") throw new Error(`not a PNG: first chunk is ${type}, not IHDR`);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/**
 * Decodes a non-interlaced 8-bit PNG (grey, grey+alpha, RGB, RGBA) to RGBA — what Chromium's
 * and resvg's screenshots are. Hand-written (~50 lines over node:zlib) to avoid a dependency
 * only tests need.
 */
export function decodePNG(bytes: Uint8Array): DecodedPNG {
  const { width, height } = pngDimensions(bytes);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bitDepth = bytes[24];
  const colorType = bytes[25];
  const interlace = bytes[28];
  const channelsByType: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };
  const channels = channelsByType[colorType];
  if (bitDepth !== 8 || channels === undefined || interlace !== 0) {
    throw new Error(
      `decodePNG supports 8-bit non-interlaced grey/RGB(A) only (bit depth ${bitDepth}, ` +
        `colour type ${colorType}, interlace ${interlace})`,
    );
  }
  const parts: Uint8Array[] = [];
  for (let offset = 8; offset < bytes.length;) {
    const length = view.getUint32(offset);
    const type = new TextDecoder().decode(bytes.subarray(offset + 4, offset + 8));
    if (type === "IDAT") parts.push(bytes.subarray(offset + 8, offset + 8 + length));
    if (type === "IEND") break;
    offset += 12 + length;
  }
  const compressed = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let position = 0;
  for (const part of parts) {
    compressed.set(part, position);
    position += part.length;
  }
  const raw = new Uint8Array(inflateSync(compressed));
  const stride = width * channels;
  const pixels = new Uint8Array(stride * height);
  for (let row = 0; row < height; row++) {
    const filter = raw[row * (stride + 1)];
    const source = raw.subarray(row * (stride + 1) + 1, (row + 1) * (stride + 1));
    const target = pixels.subarray(row * stride, (row + 1) * stride);
    const above = row > 0 ? pixels.subarray((row - 1) * stride, row * stride) : undefined;
    for (let index = 0; index < stride; index++) {
      const left = index >= channels ? target[index - channels] : 0;
      const up = above ? above[index] : 0;
      const upLeft = above && index >= channels ? above[index - channels] : 0;
      let predictor = 0;
      if (filter === 1) predictor = left;
      else if (filter === 2) predictor = up;
      else if (filter === 3) predictor = (left + up) >> 1;
      else if (filter === 4) {
        const estimate = left + up - upLeft;
        const distanceLeft = Math.abs(estimate - left);
        const distanceUp = Math.abs(estimate - up);
        const distanceUpLeft = Math.abs(estimate - upLeft);
        predictor = distanceLeft <= distanceUp && distanceLeft <= distanceUpLeft
          ? left
          : distanceUp <= distanceUpLeft
          ? up
          : upLeft;
      } else if (filter !== 0) throw new Error(`decodePNG: unknown row filter ${filter}`);
      target[index] = (source[index] + predictor) & 0xff;
    }
  }
  const rgba = new Uint8Array(width * height * 4);
  for (let pixel = 0; pixel < width * height; pixel++) {
    const at = pixel * channels;
    const grey = channels <= 2;
    rgba[pixel * 4] = pixels[at];
    rgba[pixel * 4 + 1] = grey ? pixels[at] : pixels[at + 1];
    rgba[pixel * 4 + 2] = grey ? pixels[at] : pixels[at + 2];
    rgba[pixel * 4 + 3] = channels === 4 ? pixels[at + 3] : channels === 2 ? pixels[at + 1] : 255;
  }
  return { width, height, rgba };
}

/** Share of pixels that are visibly not white (any channel below 240, alpha above 16). */
export function nonWhiteShare(png: DecodedPNG): number {
  let count = 0;
  const total = png.width * png.height;
  for (let pixel = 0; pixel < total; pixel++) {
    const at = pixel * 4;
    const alpha = png.rgba[at + 3];
    if (alpha > 16 && (png.rgba[at] < 240 || png.rgba[at + 1] < 240 || png.rgba[at + 2] < 240)) {
      count++;
    }
  }
  return total === 0 ? 0 : count / total;
}

/**
 * Throws unless a screenshot of the page has at least `minimumShare` non-white pixels
 * (default 1%): the page drew something. Returns the share.
 */
export async function assertNonBlank(page: Page, minimumShare = 0.01): Promise<number> {
  const screenshot = await page.screenshot({ fullPage: true, type: "png" });
  const share = nonWhiteShare(decodePNG(new Uint8Array(screenshot)));
  if (!(share >= minimumShare)) {
    throw new Error(
      `the page looks blank: ${(share * 100).toFixed(2)}% non-white pixels, ` +
        `expected at least ${(minimumShare * 100).toFixed(2)}%`,
    );
  }
  return share;
}
