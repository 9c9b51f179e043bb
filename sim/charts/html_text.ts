/**
 * Escaping text for HTML.
 *
 * @module
 */

/** Escapes text for HTML element content and attribute values. */
export function escapeHTML(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** JSON for a `<script>` element (no `</script>` or `<!--` can appear in it). */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(
    /[\u2028\u2029]/g,
    (character) => character === "\u2028" ? "\\u2028" : "\\u2029",
  );
}
