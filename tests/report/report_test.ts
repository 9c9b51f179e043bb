/**
 * The policy report (`deno task report`): a quick run into a temporary folder, then the files,
 * the page in headless Chromium (offline, no console error, charts drawn and not blank, a
 * clean print layout), the executive summary's and the sensitivity paragraphs' numbers against
 * summary.json, the tornado charts and table, locale formatting, and bad flags (exit code 2,
 * nothing written).
 *
 * @module
 */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import {
  assertNoConsoleErrors,
  assertNonBlank,
  decodePNG,
  launchBrowser,
  nonWhiteShare,
  openWatchedPage,
} from "../browser.ts";
import { StatedNumbers } from "../../sim/report/numbers.ts";
import { parseReportArgs, ReportUsageError } from "../../sim/report/options.ts";
import { EXECUTIVE_SUMMARY_ID } from "../../sim/report/sections.ts";
import { SENSITIVITY_FINDING_CLASS } from "../../sim/report/sensitivity.ts";
import { parseScenario, resolveDesign, scaleScenario } from "../../sim/model/mod.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url)).replace(/\/$/, "");
const MAIN = "sim/report/main.ts";

/** Runs the report as the task does (no network, read the project and fonts, write `out`). */
async function runReport(args: string[], out: string) {
  const command = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      `--allow-read=${ROOT},/usr/share/fonts,${out}/..`,
      `--allow-write=${out}/..`,
      MAIN,
      "--out",
      out,
      ...args,
    ],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
  });
  const result = await command.output();
  return {
    code: result.code,
    stdout: new TextDecoder().decode(result.stdout),
    stderr: new TextDecoder().decode(result.stderr),
  };
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}

/** Number tokens of a text: 12.000, 0,5, 61, 2020 … */
function numberTokens(text: string): string[] {
  return [...text.matchAll(/\d+(?:[.,]\d+)*/g)].map((match) => match[0]);
}

Deno.test("StatedNumbers formats per locale: it 12.000, en 12,000", () => {
  const italian = new StatedNumbers("it");
  const english = new StatedNumbers("en");
  assert.equal(italian.number("x", 12000, "requests/s"), "12.000");
  assert.equal(english.number("x", 12000, "requests/s"), "12,000");
  assert.equal(italian.percent("share", 0.125, 1), "12,5%");
  assert.equal(english.percent("share", 0.125, 1), "12.5%");
  // negative numbers take the minus sign (U+2212) that the charts' axes use, not a hyphen
  assert.equal(english.number("x", -25.4, "percentage points", 1), "\u221225.4");
  assert.equal(italian.percent("share", -0.25), "\u221225%");
  assert.equal(italian.stated[0].text, "12.000");
  assert.equal(parseReportArgs(["--lang", "en"]).language, "en");
  assert.equal(parseReportArgs([]).language, "it");
  assert.equal(parseReportArgs([]).sensitivity, true);
  assert.equal(parseReportArgs(["--no-sensitivity"]).sensitivity, false);
});

Deno.test("report flags: bad values name the flag, the value and what is allowed", () => {
  const cases: [string[], RegExp][] = [
    [["--reps", "-1"], /--reps: got "-1"; allowed: an integer ≥ 2/],
    [["--reps", "1.5"], /--reps: got "1\.5"/],
    [["--lang", "fr"], /--lang: got "fr"; allowed: "it".*"en"/],
    [["--reps", "100000"], /--reps: got "100000"; allowed: an integer ≥ 2 and ≤ 10000/],
    [["--reps", "3", "--reps", "4"], /--reps: given twice/],
    [["--bogus"], /"--bogus": unknown flag; allowed: .*--no-sensitivity/],
    [["extra"], /argument: got "extra"; allowed: flags only/],
  ];
  for (const [args, message] of cases) {
    assert.throws(() => parseReportArgs(args), (error: Error) => {
      assert.ok(error instanceof ReportUsageError);
      assert.match(error.message, message);
      return true;
    });
  }
});

Deno.test("scaling keeps each tier's capacity at factor × the original", () => {
  const raw = JSON.parse(
    Deno.readTextFileSync(`${ROOT}/data/scenarios/cashback-io-2020.json`),
  ) as Record<string, unknown>;
  const factor = 0.01;
  const full = parseScenario(raw);
  const scaled = parseScenario(scaleScenario(raw, { factor }));
  for (const design of ["base", ...Object.keys(full.designs)]) {
    const before = resolveDesign(full, design);
    const after = resolveDesign(scaled, design);
    const rates = (scenario: typeof before) =>
      scenario.demand.arrivals.kind === "piecewise"
        ? scenario.demand.arrivals.steps.map((step) => step.rate_per_second)
        : [];
    rates(after).forEach((rate, index) =>
      assert.ok(Math.abs(rate - rates(before)[index] * factor) <= 1e-12 * Math.max(1, rate))
    );
    before.service.tiers.forEach((tier, index) => {
      const scaledTier = after.service.tiers[index];
      const capacity = (servers: number, mean: number) => servers / mean;
      const meanOf = (t: typeof tier) =>
        "mean_seconds" in t.service_time ? t.service_time.mean_seconds : NaN;
      if (tier.servers === 0 || tier.servers === "infinite") return;
      const expected = capacity(tier.servers, meanOf(tier)) * factor;
      const actual = capacity(scaledTier.servers as number, meanOf(scaledTier));
      assert.ok(
        Math.abs(actual - expected) <= 1e-9 * expected,
        `${design}/${tier.name}: capacity ${actual} requests/s, expected ${expected}`,
      );
    });
  }
});

Deno.test("bad report flags exit with code 2 and write nothing", async () => {
  const dir = await Deno.makeTempDir({ prefix: "clickday-report-flags-" });
  try {
    for (
      const [args, flag, value] of [
        [["--reps", "-1"], "--reps", "-1"],
        [["--lang", "fr"], "--lang", "fr"],
      ] as const
    ) {
      const out = `${dir}/report`;
      const result = await runReport([...args], out);
      assert.equal(result.code, 2, result.stderr);
      assert.ok(result.stderr.includes(flag), result.stderr);
      assert.ok(result.stderr.includes(`"${value}"`), result.stderr);
      assert.match(result.stderr, /allowed/);
      assert.equal(await exists(out), false, "the report folder must not be created");
      assert.deepEqual([...Deno.readDirSync(dir)], [], "nothing may be written");
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test({
  name: "report --quick: files, offline page, charts not blank, summary numbers stated",
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "clickday-report-" });
    const out = `${dir}/report`;
    try {
      const result = await runReport(["--quick", "--quiet"], out);
      assert.equal(result.code, 0, result.stderr);
      assert.deepEqual(
        [...Deno.readDirSync(dir)].map((entry) => entry.name),
        ["report"],
        "no temporary folder is left behind",
      );

      // Files.
      for (const file of ["index.html", "summary.json"]) {
        assert.ok(await exists(`${out}/${file}`), `${file} is missing`);
      }
      const tableNames = ["summaries", "series", "outcomes", "estimates", "differences"];
      for (const table of [...tableNames, "sensitivity"]) {
        for (const extension of ["parquet", "csv"]) {
          assert.ok(await exists(`${out}/tables/${table}.${extension}`), `${table}.${extension}`);
        }
      }
      const summary = JSON.parse(await Deno.readTextFile(`${out}/summary.json`)) as {
        incidents: { name: string }[];
        sensitivity: {
          incident: string;
          metric: string;
          rows: { assumption: string; at_low: number; at_high: number; baseline: number }[];
          prescreen_rows: unknown[];
        }[];
        stated: { key: string; value: number; text: string }[];
      };
      assert.ok(summary.incidents.length >= 4, "every documented incident is covered");

      // Sensitivity: rows per incident in summary.json (sorted by swing, one baseline) and the
      // same rows in tables/sensitivity.csv.
      assert.deepEqual(
        summary.sensitivity.map((entry) => entry.incident).sort(),
        summary.incidents.map((incident) => incident.name).sort(),
      );
      const swing = (row: { at_low: number; at_high: number }) =>
        Math.abs(row.at_high - row.at_low);
      for (const entry of summary.sensitivity) {
        assert.ok(entry.rows.length > 0, `${entry.incident}: tornado rows`);
        for (let index = 1; index < entry.rows.length; index++) {
          assert.ok(swing(entry.rows[index - 1]) >= swing(entry.rows[index]), entry.incident);
          assert.equal(entry.rows[index].baseline, entry.rows[0].baseline, entry.incident);
        }
      }
      const csv = (await Deno.readTextFile(`${out}/tables/sensitivity.csv`)).trim().split("\n");
      assert.equal(
        csv.length - 1,
        summary.sensitivity.reduce(
          (sum, entry) => sum + entry.rows.length + entry.prescreen_rows.length,
          0,
        ),
        "one CSV line per tornado row",
      );
      assert.match(csv[0], /^incident,pass,rank,assumption,.*at_low,at_high,baseline/);
      const chartFiles = [...Deno.readDirSync(`${out}/charts`)].map((entry) => entry.name);
      const stems = [...new Set(chartFiles.map((name) => name.replace(/\.(svg|png)$/, "")))];
      for (const incident of summary.incidents) {
        for (const kind of ["load", "designs", "sensitivity"]) {
          assert.ok(stems.includes(`${incident.name}-${kind}`), `${incident.name}-${kind} chart`);
        }
      }
      for (const stem of stems) {
        const svg = await Deno.readTextFile(`${out}/charts/${stem}.svg`);
        assert.match(svg, /<svg[\s>]/, `${stem}.svg is an SVG`);
        const png = decodePNG(await Deno.readFile(`${out}/charts/${stem}.png`));
        const share = nonWhiteShare(png);
        assert.ok(share > 0.01, `${stem}.png looks blank (${share})`);
      }

      // The page: offline, no console error, every chart drawn and not blank.
      const html = await Deno.readTextFile(`${out}/index.html`);

      // Every number in the sensitivity paragraphs is one the report recorded.
      const statedTokens = new Set(summary.stated.flatMap((entry) => numberTokens(entry.text)));
      const findings = [
        ...html.matchAll(
          new RegExp(`<p class="${SENSITIVITY_FINDING_CLASS}">([\\s\\S]*?)</p>`, "g"),
        ),
      ].map((match) =>
        match[1].replace(/<[^>]+>/g, "").replaceAll("&#39;", "'").replaceAll("&quot;", '"')
          .replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&")
      );
      assert.equal(findings.length, summary.incidents.length, "one sensitivity finding each");
      for (const finding of findings) {
        const tokens = numberTokens(finding);
        assert.ok(tokens.length >= 5, `the sensitivity finding states numbers: ${finding}`);
        const unstated = tokens.filter((token) => !statedTokens.has(token));
        assert.deepEqual(unstated, [], `numbers not in summary.json: ${unstated} in ${finding}`);
      }
      assert.equal(
        html.split("Plotly.newPlot").length >= stems.length,
        true,
        "every chart is embedded",
      );
      const browser = await launchBrowser();
      if (!browser) return;
      try {
        const { page, watch } = await openWatchedPage(browser);
        await page.goto(new URL(`file://${out}/index.html`).href, {
          waitUntil: "load",
          timeout: 180_000,
        });
        await page.waitForFunction(
          `document.querySelectorAll(".interactive .js-plotly-plot").length >= ${stems.length}`,
          undefined,
          { timeout: 180_000 },
        );
        assertNoConsoleErrors(watch);
        await assertNonBlank(page);
        const charts = page.locator(".interactive .clickday-chart");
        assert.equal(await charts.count(), stems.length, "one interactive chart per chart file");
        for (let index = 0; index < stems.length; index++) {
          const shot = await charts.nth(index).screenshot({ type: "png" });
          const share = nonWhiteShare(decodePNG(new Uint8Array(shot)));
          assert.ok(share > 0.01, `chart ${index} on the page looks blank (${share})`);
        }

        // Every number in the executive summary is one the report recorded.
        const stated = new Set(summary.stated.flatMap((entry) => numberTokens(entry.text)));
        const text = await page.locator(`#${EXECUTIVE_SUMMARY_ID}`).innerText();
        const tokens = numberTokens(text);
        assert.ok(tokens.length > 10, "the executive summary states numbers");
        const missing = tokens.filter((token) => !stated.has(token));
        assert.deepEqual(missing, [], `numbers in the summary not in summary.json: ${missing}`);

        // Print: static charts shown, interactive ones and the table of contents hidden.
        await page.emulateMedia({ media: "print" });
        const display = (selector: string) =>
          page.evaluate(
            `getComputedStyle(document.querySelector(${JSON.stringify(selector)})).display`,
          );
        assert.equal(await display(".static-chart"), "block");
        assert.equal(await display(".interactive"), "none");
        assert.equal(await display("nav.toc"), "none");
        const printed = page.locator(".static-chart img").first();
        const shot = await printed.screenshot({ type: "png" });
        assert.ok(nonWhiteShare(decodePNG(new Uint8Array(shot))) > 0.01, "print chart blank");
        assertNoConsoleErrors(watch);
      } finally {
        await browser.close();
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
