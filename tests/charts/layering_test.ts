/** Charts only read result tables: sim/charts imports nothing from the engine, model or experiment. */
import assert from "node:assert/strict";

Deno.test("sim/charts imports only its own files, sim/table and its chart libraries", () => {
  const dir = new URL("../../sim/charts/", import.meta.url);
  const allowedPackages = new Set(["vega", "vega-lite", "@resvg/resvg-wasm", "plotly.js-dist-min"]);
  for (const entry of Deno.readDirSync(dir)) {
    if (!/\.(ts|js)$/.test(entry.name)) continue;
    const source = Deno.readTextFileSync(new URL(entry.name, dir))
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .replace(/^\s*\/\/.*$/gm, "");
    const specifiers = [...source.matchAll(/(?:from|import)\s*\(?\s*"([^"]+)"/g)].map((m) => m[1]);
    for (const specifier of specifiers) {
      const local = specifier.startsWith("./") || specifier.startsWith("../table/");
      // `npm:name@version/path` (sim/ names its dependencies itself) → `name`
      const bare = specifier.replace(/^npm:/, "");
      const scoped = bare.startsWith("@");
      const packageName = (scoped ? bare.split("/").slice(0, 2).join("/") : bare.split("/")[0])
        .replace(/(.)@[^/]*$/, "$1");
      assert.ok(
        local || allowedPackages.has(packageName),
        `${entry.name} imports ${specifier}: charts read result tables only`,
      );
    }
  }
});
