/**
 * `deno task report`: the policy report (issue "Policy report").
 *
 * Not built yet. Until it is, this entry point says so and exits non-zero rather than
 * pretending to have produced anything.
 *
 * @module
 */

if (import.meta.main) {
  console.error(
    'clickday: the policy report is not built yet (see the issue "The main job: deno task report").\n' +
      "Nothing was written. Run `deno task test` to check the toolkit, or `deno task sim` on a scenario.",
  );
  Deno.exit(1);
}
