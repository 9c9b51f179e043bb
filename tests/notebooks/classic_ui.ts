/**
 * A saved notebook as a colleague receives it: opened, without re-running it, in the classic
 * Jupyter Notebook UI (Debian's `jupyter-notebook`, Notebook 6). Such a notebook is untrusted —
 * the server starts with an empty signature database, so nothing the test machine signed
 * before can make it trusted — and the UI sanitises its HTML outputs: scripts do not run,
 * inline `<svg>` is stripped, `image/svg+xml` outputs are not shown. Each chart must still be a
 * picture (the `<img>` fallback), not a line of run-together axis text.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { Browser } from "playwright-core";
import { decodePNG, nonWhiteShare } from "../browser.ts";

/** True when Debian's classic Notebook server (`jupyter-notebook`) can be run. */
export async function classicNotebookAvailable(): Promise<boolean> {
  try {
    const { success } = await new Deno.Command("jupyter-notebook", {
      args: ["--version"],
      stdout: "null",
      stderr: "null",
    }).output();
    return success;
  } catch {
    return false;
  }
}

/** A running classic Notebook server serving one folder. */
interface ClassicServer {
  /** Base URL, e.g. `http://127.0.0.1:23456/`. */
  url: string;
  /** Stops the server (and the kernels it started). */
  stop(): Promise<void>;
}

/**
 * Starts `jupyter-notebook` on 127.0.0.1 for `folder`, with no token or password and fresh
 * data, config and runtime folders (so no notebook is trusted), and waits until it listens.
 */
async function startClassicServer(folder: string, home: string): Promise<ClassicServer> {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child = new Deno.Command("jupyter-notebook", {
    args: [
      "--no-browser",
      "--allow-root",
      "--ip=127.0.0.1",
      `--port=${port}`,
      "--port-retries=50",
      "--NotebookApp.token=",
      "--NotebookApp.password=",
      `--notebook-dir=${folder}`,
    ],
    env: {
      JUPYTER_DATA_DIR: `${home}/data`,
      JUPYTER_CONFIG_DIR: `${home}/config`,
      JUPYTER_RUNTIME_DIR: `${home}/runtime`,
      IPYTHONDIR: `${home}/ipython`,
    },
    stdout: "null",
    stderr: "piped",
  }).spawn();
  const reader = child.stderr.pipeThrough(new TextDecoderStream()).getReader();
  let log = "";
  let url: string | undefined;
  const deadline = Date.now() + 60_000;
  while (url === undefined && Date.now() < deadline) {
    const { value, done } = await reader.read();
    if (done) break;
    log += value;
    url = log.match(/(http:\/\/127\.0\.0\.1:\d+\/)/)?.[1];
  }
  // keep draining stderr so the server never blocks on a full pipe
  (async () => {
    try {
      while (!(await reader.read()).done) { /* discard */ }
    } catch { /* the server stopped */ }
  })();
  if (url === undefined) {
    try {
      child.kill("SIGKILL");
    } catch { /* already gone */ }
    await child.status;
    throw new Error(`jupyter-notebook did not start within 60 s:\n${log.slice(-2000)}`);
  }
  return {
    url,
    async stop() {
      try {
        child.kill("SIGTERM");
      } catch { /* already gone */ }
      const timer = setTimeout(() => {
        try {
          child.kill("SIGKILL");
        } catch { /* already gone */ }
      }, 10_000);
      await child.status;
      clearTimeout(timer);
    },
  };
}

/** What the classic UI showed of a saved notebook. */
export interface ClassicView {
  /** The UI's trust indicator ("Not Trusted" for a notebook received from someone else). */
  trust: string;
  /** Chart pictures shown: `<img>` with a `data:image/svg+xml` source, drawn (natural width > 0). */
  pictures: number;
  /** Inline `<svg>` elements left in outputs (the sanitiser removes them). */
  inlineSvg: number;
}

/**
 * Opens the saved notebook `notebookPath` (copied into a fresh folder) in the classic UI in
 * Chromium and checks that each of its `expectedCharts` chart outputs is shown as a picture:
 * an image that loaded, taller than 100 px, not blank, and no run-together axis text in place
 * of a chart.
 */
export async function checkInClassicUI(
  browser: Browser,
  notebookPath: string,
  expectedCharts: number,
): Promise<ClassicView> {
  const home = await Deno.makeTempDir({ prefix: "clickday-classic-" });
  const name = notebookPath.split("/").pop()!;
  await Deno.mkdir(`${home}/notebooks`);
  await Deno.copyFile(notebookPath, `${home}/notebooks/${name}`);
  const server = await startClassicServer(`${home}/notebooks`, home);
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  try {
    await page.goto(`${server.url}notebooks/${encodeURIComponent(name)}`, { waitUntil: "load" });
    await page.waitForFunction(
      `document.querySelectorAll(".output_subarea").length > 0 &&
        /Trusted/.test(document.querySelector("#notification_trusted")?.textContent ?? "")`,
      undefined,
      { timeout: 60_000 },
    );
    const view = await page.evaluate(`(() => {
      const pictures = [...document.querySelectorAll(".output_subarea img")]
        .filter((img) => (img.getAttribute("src") ?? "").startsWith("data:image/svg+xml"));
      return {
        trust: document.querySelector("#notification_trusted").textContent.trim(),
        pictures: pictures.filter((img) => img.naturalWidth > 0 &&
          img.getBoundingClientRect().height > 100).length,
        inlineSvg: document.querySelectorAll(".output_subarea svg").length,
        // the text a chart output shows besides its picture (a stripped SVG leaves its labels)
        chartText: pictures.map((img) => img.closest(".output_subarea").innerText.trim()),
      };
    })()`) as ClassicView & { chartText: string[] };
    assert.equal(view.trust, "Not Trusted", `${name}: the saved notebook opens untrusted`);
    assert.equal(
      view.pictures,
      expectedCharts,
      `${name}: ${view.pictures} of ${expectedCharts} charts shown as pictures in the classic UI`,
    );
    for (const [index, text] of view.chartText.entries()) {
      assert.equal(text, "", `${name}: chart ${index + 1} shows text beside its picture: ${text}`);
    }
    const first = page.locator(".output_subarea img").first();
    if (expectedCharts > 0) {
      await first.scrollIntoViewIfNeeded();
      const share = nonWhiteShare(decodePNG(new Uint8Array(await first.screenshot())));
      assert.ok(share > 0.01, `${name}: the first chart picture looks blank (${share})`);
    }
    // shut the kernel the UI started before the server goes
    await page.evaluate(
      `window.Jupyter?.notebook?.session?.delete?.() ?? null`,
    ).catch(() => null);
    return { trust: view.trust, pictures: view.pictures, inlineSvg: view.inlineSvg };
  } finally {
    await page.close();
    await server.stop();
    await Deno.remove(home, { recursive: true });
  }
}
