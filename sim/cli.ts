/**
 * `deno task sim`: runs a scenario's designs (`deno task sim SCENARIO.json …`) or an
 * experiment (`--experiment FILE …`), merges shards (`merge DIR…`); `deno task query DIR "SQL"`
 * runs SQL over a results folder. Every path runs through the experiment layer
 * (`sim/experiment/`): one runner, one table schema, whatever the flags.
 *
 * A thin shell: pick the command, let it check everything before running, turn what it throws
 * into an exit code — 0 done; 1 a bug in clickday (says so, and how to report it); 2 a mistake
 * in the input (the field, the value, what is allowed; nothing run, nothing changed); 3 stopped
 * by `--timeout` or another process on the folder (rerun to resume). `--help` prints the usage.
 *
 * @module
 */
import { mergeCommand, queryCommand, runExperimentCommand } from "./experiment/cli_commands.ts";
import { type CommandSettings, resolveSettings, SIM_USAGE } from "./experiment/command_support.ts";
import { runCommand } from "./experiment/exit_codes.ts";
import { runScenarioCommand } from "./experiment/scenario_command.ts";

/**
 * Runs the command line (without the program name) and returns the exit code. `settings`
 * lets tests capture the output and change the run budget.
 */
export function main(args: readonly string[], settings: CommandSettings = {}): Promise<number> {
  const { io } = resolveSettings(settings);
  const [first, ...rest] = args;
  const program = first === "query" ? "clickday query" : "clickday sim";
  return runCommand(program, () => {
    if (first === "merge") return mergeCommand(rest, settings);
    if (first === "query") return queryCommand(rest, settings);
    if (args.length === 0 || first === "--help" || first === "-h") {
      (args.length === 0 ? io.err : io.out)(SIM_USAGE);
      return args.length === 0 ? 2 : 0;
    }
    if (args.some((arg) => arg === "--experiment" || arg.startsWith("--experiment="))) {
      return runExperimentCommand(args, settings);
    }
    return runScenarioCommand(args, settings);
  }, io.err);
}

if (import.meta.main) Deno.exit(await main(Deno.args));
