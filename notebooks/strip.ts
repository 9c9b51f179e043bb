/**
 * `deno task strip-notebooks`: removes outputs and execution counts from every notebook, so
 * notebooks are committed without outputs (the tests fail if any are committed).
 *
 * @module
 */
import { listNotebooks, NOTEBOOKS_DIR, readNotebook, stripOutputs } from "./jupyter.ts";

if (import.meta.main) {
  if (Deno.args.length > 0) {
    const help = Deno.args[0] === "--help" || Deno.args[0] === "-h";
    const usage = "usage: deno task strip-notebooks\n\nRemoves outputs and execution counts " +
      "from every notebook in notebooks/ (commit them stripped).";
    if (help) console.log(usage);
    else {
      console.error(
        `strip-notebooks: ${
          JSON.stringify(Deno.args[0])
        }: takes no arguments; allowed: none\n${usage}`,
      );
    }
    Deno.exit(help ? 0 : 2);
  }
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
