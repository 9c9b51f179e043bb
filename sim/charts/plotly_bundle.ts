/**
 * The plotly.js bundle's source text, for inlining into HTML so charts work offline.
 *
 * How the file is found: Deno 2 imports a file as text with the import attribute
 * `with { type: "text" }`, and that works for a file inside an npm package
 * (`"plotly.js-dist-min/plotly.min.js"`, resolved through the import map to Deno's npm cache).
 * Module loading needs no `--allow-read`, so this works under the report task's narrow
 * permissions (`--allow-read=.`), unlike reading the DENO_DIR npm cache with `Deno.readTextFile`
 * (`createRequire(import.meta.url).resolve(...)` gives the path, but reading it needs read
 * access to the cache) — and `import.meta.resolve` returns an `npm:` specifier, not a file.
 * The import is dynamic so that importing `sim/mod.ts` does not load ~4.8 MB of text.
 *
 * @module
 */

let bundle: Promise<string> | undefined;

/** The plotly.js-dist-min source (~4.8 MB), loaded on first call and then cached. */
export function plotlyBundleText(): Promise<string> {
  bundle ??= import("npm:plotly.js-dist-min@3.7.0/plotly.min.js", { with: { type: "text" } }).then(
    (module) => escapeForScriptElement(module.default as string),
  );
  return bundle;
}

/** Makes JavaScript source safe to put inside an HTML `<script>` element (no `</script`). */
export function escapeForScriptElement(source: string): string {
  return source.replace(/<\/(script)/gi, "<\\/$1").replace(/<!--/g, "<\\!--");
}
