/**
 * No argument spreading anywhere in the project's code (`push(...rows)`, `Math.max(...values)`,
 * `fn(...array)`): V8 puts every element of a spread argument on the stack, so a data-sized
 * array overflows it ("Maximum call stack size exceeded" after a whole run, as one day at 10-s
 * bins did). Loops, `reduce` and `Math.max` over a loop do the same work without the limit.
 *
 * The scan drops comments and strings, then finds every `...` whose innermost open bracket is
 * a call's `(`; rest parameters (`(...args: T[])`, `(...args) =>`) are declarations and allowed.
 */
import assert from "node:assert/strict";
import { join } from "node:path";

const ROOT = new URL("../../", import.meta.url).pathname;
const FOLDERS = ["sim", "tests", "bench"];

/** The code of a TypeScript file with comments, strings and template texts blanked out. */
export function codeOnly(source: string): string {
  let out = "";
  let i = 0;
  const templateDepth: number[] = [];
  let braceDepth = 0;
  let last = "";
  while (i < source.length) {
    const c = source[i];
    const next = source[i + 1];
    if (c === "/" && next === "/") {
      while (i < source.length && source[i] !== "\n") i++;
      continue;
    }
    if (c === "/" && next === "*") {
      const end = source.indexOf("*/", i + 2);
      const stop = end < 0 ? source.length : end + 2;
      out += source.slice(i, stop).replace(/[^\n]/g, " ");
      i = stop;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < source.length && source[j] !== c && source[j] !== "\n") {
        j += source[j] === "\\" ? 2 : 1;
      }
      out += c + " ".repeat(Math.max(0, j - i - 1)) + c;
      i = j + 1;
      last = "x";
      continue;
    }
    if (c === "/" && /[(,=:[!&|?{};]$|^$|return$/.test(last)) {
      // a regular expression literal
      let j = i + 1;
      let inClass = false;
      while (j < source.length && source[j] !== "\n") {
        if (source[j] === "\\") j += 2;
        else if (source[j] === "[") inClass = true, j++;
        else if (source[j] === "]") inClass = false, j++;
        else if (source[j] === "/" && !inClass) break;
        else j++;
      }
      out += " ".repeat(j + 1 - i);
      i = j + 1;
      last = "x";
      continue;
    }
    if (c === "`" || (c === "}" && templateDepth.at(-1) === braceDepth)) {
      if (c === "}") templateDepth.pop();
      let j = i + 1;
      while (j < source.length && source[j] !== "`") {
        if (source[j] === "\\") j += 2;
        else if (source[j] === "$" && source[j + 1] === "{") break;
        else j++;
      }
      out += source.slice(i, j).replace(/[^\n]/g, " ");
      if (source[j] === "$") {
        templateDepth.push(braceDepth);
        out += "  ";
        i = j + 2;
      } else {
        out += " ";
        i = j + 1;
      }
      last = "x";
      continue;
    }
    if (c === "{") braceDepth++;
    if (c === "}") braceDepth--;
    out += c;
    if (!/\s/.test(c)) {
      last = /[A-Za-z0-9_$]/.test(c) ? (last.endsWith("return") ? "x" : last + c).slice(-6) : c;
    }
    i++;
  }
  return out;
}

/** Line numbers (1-based) of every spread argument of a call in `source`. */
export function spreadArguments(source: string): number[] {
  const code = codeOnly(source);
  const lines: number[] = [];
  const open: { char: string; index: number }[] = [];
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    if (c === "(" || c === "[" || c === "{") open.push({ char: c, index: i });
    else if (c === ")" || c === "]" || c === "}") open.pop();
    else if (c === "." && code.startsWith("...", i)) {
      const inner = open.at(-1);
      i += 2;
      if (!inner || inner.char !== "(") continue;
      // A call's parenthesis follows a name, `)` or `]`; a parameter list's is followed by
      // `=>`, `{` or a type annotation, and its rest parameter has `: type` or ends the list.
      const before = code.slice(0, inner.index).trimEnd();
      if (
        !/[A-Za-z0-9_$)\]>]$/.test(before) || /\b(function|if|for|while|switch|catch)$/.test(before)
      ) {
        continue;
      }
      const after = code.slice(i + 1);
      if (/^\s*[A-Za-z_$][\w$]*\s*[:?]/.test(after)) continue; // `...args: T[]`
      let depth = 1;
      let j = i + 1;
      while (j < code.length && depth > 0) {
        if (code[j] === "(") depth++;
        else if (code[j] === ")") depth--;
        j++;
      }
      if (/^\s*(=>|\{|:)/.test(code.slice(j))) continue; // parameters, not arguments
      lines.push(code.slice(0, i).split("\n").length);
    }
  }
  return lines;
}

function* typeScriptFiles(folder: string): Generator<string> {
  for (const entry of Deno.readDirSync(folder)) {
    const path = join(folder, entry.name);
    if (entry.isDirectory) yield* typeScriptFiles(path);
    else if (/\.(ts|js)$/.test(entry.name) && !entry.name.endsWith(".d.ts")) yield path;
  }
}

Deno.test("the scanner finds call spreads and leaves rest parameters, literals and text alone", () => {
  const source = [
    "rows.push(...more);", // 1: found
    "const top = Math.max(...values.map((v) => v.x));", // 2: found
    "function f(...args: number[]) { return args; }", // 3: rest parameter
    "const g = (...args) => args;", // 4: rest parameter
    "const copy = [...rows, ...more];", // 5: array literal
    "const merged = { ...a, ...b };", // 6: object literal
    "// rows.push(...more) in a comment", // 7
    'const text = "push(...x)";', // 8
    "const t = `${f(...args)}`;", // 9: found, inside a template's code
    "new Set(...lists);", // 10: found
    "call(a, ...rest);", // 11: found
    "const [first, ...others] = list;", // 12: destructuring
    "const re = /a(...)b/;", // 13: a regular expression
  ].join("\n");
  assert.deepEqual(spreadArguments(source), [1, 2, 9, 10, 11]);
});

Deno.test("no argument spreading of arrays in sim/, tests/, bench/ or notebooks/*.ts", () => {
  const found: string[] = [];
  const files = [...FOLDERS.flatMap((folder) => [...typeScriptFiles(join(ROOT, folder))])];
  for (const entry of Deno.readDirSync(join(ROOT, "notebooks"))) {
    if (entry.name.endsWith(".ts")) files.push(join(ROOT, "notebooks", entry.name));
  }
  for (const file of files) {
    for (const line of spreadArguments(Deno.readTextFileSync(file))) {
      found.push(`${file.slice(ROOT.length)}:${line}`);
    }
  }
  assert.deepEqual(
    found,
    [],
    `argument spreading (use a loop, reduce or an explicit max instead):\n  ${found.join("\n  ")}`,
  );
});
