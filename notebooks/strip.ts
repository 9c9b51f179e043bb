/**
 * `deno task strip-notebooks`: removes outputs and execution counts from every notebook, so
 * notebooks are committed without outputs (the tests fail if any are committed).
 *
 * @module
 */
import { listNotebooks, NOTEBOOKS_DIR, readNotebook, stripOutputs } from "./jupyter.ts";

if (import.meta.main) {
  for (const name of listNotebooks()) {
    const path = new URL(name, NOTEBOOKS_DIR);
    const stripped = JSON.stringify(stripOutputs(readNotebook(path)), null, 1) + "\n";
    if (stripped !== Deno.readTextFileSync(path)) {
      const temporary = `${path.pathname}.tmp`;
      Deno.writeTextFileSync(temporary, stripped);
      Deno.renameSync(temporary, path);
      console.error(`stripped ${name}`);
    }
  }
}
