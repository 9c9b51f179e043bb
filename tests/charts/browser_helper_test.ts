/** The shared browser helper (tests/browser.ts): skipping without Chromium, PNG decoding. */
import assert from "node:assert/strict";
import { svgToPNG } from "../../sim/charts/mod.ts";
import { decodePNG, launchBrowser, nonWhiteShare, pngDimensions } from "../browser.ts";

async function withCI<T>(value: string | undefined, run: () => Promise<T>): Promise<T> {
  const previous = Deno.env.get("CI");
  if (value === undefined) Deno.env.delete("CI");
  else Deno.env.set("CI", value);
  try {
    return await run();
  } finally {
    if (previous === undefined) Deno.env.delete("CI");
    else Deno.env.set("CI", previous);
  }
}

Deno.test("without Chromium the browser tests fail on CI and skip elsewhere", async () => {
  const executablePath = "/nonexistent/chromium";
  await withCI("true", () =>
    assert.rejects(
      () => launchBrowser({ executablePath }),
      /Chromium not found at \/nonexistent\/chromium: install it .*CI=true requires it/,
    ));
  const skipped = await withCI(undefined, () => launchBrowser({ executablePath }));
  assert.equal(skipped, undefined);
});

Deno.test("decodePNG reads resvg's PNGs: a blank image is white, a drawing is not", async () => {
  const blank = await svgToPNG(
    `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30"></svg>`,
    1,
  );
  const decoded = decodePNG(blank);
  assert.deepEqual([decoded.width, decoded.height], [40, 30]);
  assert.deepEqual(pngDimensions(blank), { width: 40, height: 30 });
  assert.equal(nonWhiteShare(decoded), 0);
  const half = await svgToPNG(
    `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30">` +
      `<rect x="0" y="0" width="20" height="30" fill="#0072B2"/></svg>`,
    1,
  );
  const drawn = decodePNG(half);
  assert.equal(nonWhiteShare(drawn), 0.5);
  assert.deepEqual([...drawn.rgba.subarray(0, 4)], [0x00, 0x72, 0xb2, 255]);
  assert.throws(() => pngDimensions(new Uint8Array(30)), /not a PNG/);
});
