/**
 * The fuzzer's harness: runs `deno task sim` command lines (sim/cli.ts's `main`) one after
 * another in this process, with the sim task's permissions and a small run budget, and
 * answers each with its exit code, what it printed and how long it took. The fuzzer
 * (`fuzz.ts`) starts it as a subprocess, sends one JSON line per case on stdin, and kills it
 * when a case takes too long (a hang) or it dies (a crash).
 *
 * Request: `{"id": 1, "args": ["data/scenarios/mmc.json", "--reps", "2"]}`.
 * Answer: `{"id": 1, "code": 0, "stdout": "…", "stderr": "…", "json": true, "ms": 120}` (`json`:
 * whether the whole stdout parses as JSON; the texts are clipped).
 *
 * @module
 */
import { main } from "../../sim/cli.ts";
import type { RunBudget } from "../../sim/experiment/limits.ts";

/** The run budget of fuzz cases: about a second of simulation each. */
export const FUZZ_BUDGET: RunBudget = {
  eventsPerReplication: 3e6,
  memoryBytesPerReplication: 512 * 1024 ** 2,
  eventsPerRun: 1e7,
  resultBytesPerRun: 256 * 1024 ** 2,
};

const LIMIT = 4000;

function clip(text: string): string {
  return text.length > LIMIT ? `${text.slice(0, LIMIT)}…(${text.length} characters)` : text;
}

if (import.meta.main) {
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  let buffered = "";
  for await (const chunk of Deno.stdin.readable) {
    buffered += decoder.decode(chunk, { stream: true });
    let newline;
    while ((newline = buffered.indexOf("\n")) >= 0) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      if (line.trim() === "") continue;
      const request = JSON.parse(line) as { id: number; args: string[] };
      let stdout = "";
      let stderr = "";
      const started = performance.now();
      let code: number;
      try {
        code = await main(request.args, {
          budget: FUZZ_BUDGET,
          io: { out: (text) => stdout += text + "\n", err: (text) => stderr += text + "\n" },
        });
      } catch (error) {
        code = -1;
        stderr += `main threw: ${(error as Error)?.stack ?? error}`;
      }
      let json = true;
      try {
        JSON.parse(stdout);
      } catch {
        json = false;
      }
      const answer = {
        id: request.id,
        code,
        json,
        stdout: clip(stdout),
        stderr: clip(stderr),
        ms: Math.round(performance.now() - started),
      };
      await Deno.stdout.write(encoder.encode(JSON.stringify(answer) + "\n"));
    }
  }
}
