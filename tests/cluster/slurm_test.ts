/**
 * The documented Slurm recipe (`sim/experiment/slurm/clickday-array.sbatch` and
 * `clickday-merge.sbatch`), run on a real single-node Slurm cluster started for the test:
 * Debian's `slurm-wlm` and `munge`, every file (configuration, munge key and socket, spool,
 * state, logs) in a temporary folder, on free ports, with `SLURM_CONF` pointing the commands at
 * it. Nothing of the machine's own Slurm or munge setup is read or changed.
 *
 * The experiment file lives outside the project (a temporary folder, its scenario beside it).
 * The array runs 3 shards; shard 2 is cancelled once it has committed a replication (a
 * pre-empted task), then resubmitted alone with `sbatch --array=2` — twice at once, so two
 * processes share its folder — and the merge job, submitted with
 * `--dependency=afterok:<reruns>`, must give tables equal byte for byte to an unsharded run.
 *
 * Needs root, `slurmctld`, `slurmd`, `munged` and the Slurm commands. Without them the test is
 * skipped with the reason printed — except under `CI=true`, where it fails (`.ci/run` installs
 * `slurm-wlm munge`).
 */
import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { type CommandOutput, outDir, removeDir, ROOT, sim, tableBytes } from "../cli/helpers.ts";

const ARRAY_SCRIPT = `${ROOT}/sim/experiment/slurm/clickday-array.sbatch`;
const MERGE_SCRIPT = `${ROOT}/sim/experiment/slurm/clickday-merge.sbatch`;
const PROGRAMS = ["munged", "slurmctld", "slurmd", "sbatch", "scontrol", "scancel", "sinfo"];
const SHARDS = 3;
const CI = Deno.env.get("CI") === "true";

/** Job states after which an array task does not change any more. */
const FINAL_STATES = new Set([
  "COMPLETED",
  "FAILED",
  "CANCELLED",
  "TIMEOUT",
  "NODE_FAIL",
  "OUT_OF_MEMORY",
  "PREEMPTED",
  "BOOT_FAIL",
  "DEADLINE",
]);

function findProgram(name: string): string | undefined {
  const path = (Deno.env.get("PATH") ?? "").split(":").filter((dir) => dir !== "");
  for (const dir of path.concat(["/usr/sbin", "/sbin", "/usr/local/sbin"])) {
    try {
      if (Deno.statSync(join(dir, name)).isFile) return join(dir, name);
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

/** Standard output of a short command (Deno's permissions keep /proc from being read directly). */
function outputOf(command: string, args: readonly string[]): string {
  const output = new Deno.Command(command, { args: args.slice(), stderr: "null" }).outputSync();
  return new TextDecoder().decode(output.stdout);
}

function isRoot(): boolean {
  return outputOf("id", ["-u"]).trim() === "0";
}

function skipReason(): string | undefined {
  if (Deno.build.os !== "linux") return "a single-node Slurm cluster is only set up on Linux";
  if (!isRoot()) return "not root (slurmd and munged run as root for the test)";
  const missing = PROGRAMS.filter((name) => findProgram(name) === undefined);
  if (missing.length > 0) {
    return `not installed: ${missing.join(", ")} (apt-get install slurm-wlm munge)`;
  }
  return undefined;
}

/** TCP ports something listens on (from /proc/net/tcp and tcp6). */
function listeningPorts(): Set<number> {
  const ports = new Set<number>();
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    for (const line of outputOf("cat", [file]).split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length > 3 && fields[3] === "0A") {
        ports.add(parseInt(fields[1].split(":")[1], 16));
      }
    }
  }
  return ports;
}

/** Two adjacent free ports in 20000–39999 (the test has no network permission to probe). */
function freePorts(): [number, number] {
  const used = listeningPorts();
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = 20000 + 2 * Math.floor(Math.random() * 10000);
    if (!used.has(port) && !used.has(port + 1)) return [port, port + 1];
  }
  throw new Error("no free pair of ports found in 20000–39999");
}

function tail(file: string, lines = 25): string {
  try {
    return `--- ${file}\n${Deno.readTextFileSync(file).split("\n").slice(-lines).join("\n")}`;
  } catch {
    return `--- ${file}: not written`;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((settle) => setTimeout(settle, ms));
}

/** `promise`'s value, or null after `ms` (the timer is cleared either way). */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<null>((settle) => timer = setTimeout(() => settle(null), ms)),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** A daemon started in the foreground, its output appended to a log file. */
interface Daemon {
  name: string;
  child: Deno.ChildProcess;
  log: string;
}

/** A one-node Slurm cluster in a temporary folder. */
class Cluster {
  readonly daemons: Daemon[] = [];
  readonly conf: string;
  readonly env: Record<string, string>;

  constructor(readonly dir: string) {
    this.conf = join(dir, "slurm.conf");
    this.env = {
      SLURM_CONF: this.conf,
      NO_COLOR: "1",
      // the jobs inherit this environment (sbatch exports it): they run this very deno
      PATH: `${dirname(Deno.execPath())}:${Deno.env.get("PATH") ?? "/usr/bin:/bin"}`,
    };
  }

  /** Writes the munge key and slurm.conf. */
  configure(): void {
    const [controllerPort, nodePort] = freePorts();
    const key = new Uint8Array(1024);
    crypto.getRandomValues(key);
    Deno.writeFileSync(join(this.dir, "munge.key"), key, { mode: 0o400 });
    Deno.chmodSync(join(this.dir, "munge.key"), 0o400);
    for (const sub of ["spool", "state"]) Deno.mkdirSync(join(this.dir, sub));
    Deno.writeTextFileSync(join(this.dir, "plugstack.conf"), "");
    const d = this.dir;
    Deno.writeTextFileSync(
      this.conf,
      [
        "ClusterName=clickday-test",
        "SlurmctldHost=localhost",
        `SlurmctldPort=${controllerPort}`,
        `SlurmdPort=${nodePort}`,
        "SlurmUser=root",
        "SlurmdUser=root",
        "AuthType=auth/munge",
        "CredType=cred/munge",
        `AuthInfo=socket=${d}/munge.socket`,
        `StateSaveLocation=${d}/state`,
        `SlurmdSpoolDir=${d}/spool`,
        `SlurmctldPidFile=${d}/slurmctld.pid`,
        `SlurmdPidFile=${d}/slurmd.pid`,
        `SlurmctldLogFile=${d}/slurmctld.log`,
        `SlurmdLogFile=${d}/slurmd.log`,
        `PlugStackConfig=${d}/plugstack.conf`,
        "ProctrackType=proctrack/linuxproc",
        "TaskPlugin=task/none",
        "JobAcctGatherType=jobacct_gather/none",
        "AccountingStorageType=accounting_storage/none",
        "JobCompType=jobcomp/none",
        "SchedulerType=sched/builtin",
        "SelectType=select/cons_tres",
        "SelectTypeParameters=CR_CPU",
        "MpiDefault=none",
        "ReturnToService=2",
        "MinJobAge=600",
        "MailProg=/bin/true",
        "NodeName=localhost CPUs=2 State=UNKNOWN",
        "PartitionName=test Nodes=localhost Default=YES MaxTime=INFINITE State=UP",
        "",
      ].join("\n"),
    );
  }

  /** Starts `command` in the foreground (it must not fork away), output into `<name>.log`. */
  start(name: string, command: readonly string[]): void {
    const log = join(this.dir, `${name}.out`);
    const child = new Deno.Command("/bin/sh", {
      args: ["-c", 'exec "$@" >>"$DAEMON_LOG" 2>&1', "sh"].concat(command),
      env: { ...this.env, DAEMON_LOG: log },
      stdin: "null",
      stdout: "null",
      stderr: "null",
    }).spawn();
    this.daemons.push({ name, child, log });
  }

  /** munged, then slurmctld and slurmd; resolves once the node is idle. */
  async up(): Promise<void> {
    const d = this.dir;
    this.start("munged", [
      findProgram("munged")!,
      "--foreground",
      "--force",
      `--socket=${d}/munge.socket`,
      `--key-file=${d}/munge.key`,
      `--pid-file=${d}/munged.pid`,
      `--seed-file=${d}/munged.seed`,
    ]);
    await this.waitFor("munged's socket", () => exists(join(d, "munge.socket")), 15_000);
    this.start("slurmctld", [findProgram("slurmctld")!, "-D", "-i", "-f", this.conf]);
    this.start("slurmd", [findProgram("slurmd")!, "-D", "-N", "localhost", "-f", this.conf]);
    await this.waitFor("the node to be idle", async () => {
      const info = await this.run("sinfo", ["-h", "-o", "%T"]);
      return info.code === 0 && info.stdout.trim() === "idle";
    }, 30_000);
  }

  /** Polls `ready` every 200 ms until it holds; fails with the daemons' logs after `ms`. */
  async waitFor(what: string, ready: () => boolean | Promise<boolean>, ms: number): Promise<void> {
    const deadline = Date.now() + ms;
    while (!(await ready())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${this.logs()}`);
      for (const daemon of this.daemons) {
        const exited = await within(daemon.child.status, 0);
        if (exited !== null) {
          throw new Error(`${daemon.name} exited (${exited.code})\n${this.logs()}`);
        }
      }
      await delay(200);
    }
  }

  logs(): string {
    const files = this.daemons.map((daemon) => daemon.log);
    files.push(join(this.dir, "slurmctld.log"), join(this.dir, "slurmd.log"));
    return files.map((file) => tail(file)).join("\n");
  }

  /** Runs a Slurm command against this cluster, from the project folder. */
  async run(command: string, args: readonly string[]): Promise<CommandOutput> {
    const output = await new Deno.Command(findProgram(command) ?? command, {
      args: args.slice(),
      cwd: ROOT,
      env: this.env,
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).output();
    return {
      code: output.code,
      stdout: new TextDecoder().decode(output.stdout),
      stderr: new TextDecoder().decode(output.stderr),
    };
  }

  /** `sbatch --parsable …`: the job id. */
  async submit(args: readonly string[]): Promise<string> {
    const result = await this.run("sbatch", ["--parsable"].concat(args));
    assert.equal(result.code, 0, `sbatch ${args.join(" ")}: ${result.stderr}`);
    return result.stdout.trim().split(";")[0];
  }

  /** Each task of a job (array task id, or "" for a plain job) with its state and exit code. */
  async tasks(job: string): Promise<Map<string, TaskState>> {
    const result = await this.run("scontrol", ["show", "job", "-o", job]);
    assert.equal(result.code, 0, `scontrol show job ${job}: ${result.stderr}`);
    const tasks = new Map<string, TaskState>();
    for (const line of result.stdout.split("\n")) {
      if (line.trim() === "") continue;
      const field = (name: string) => line.match(new RegExp(`(?:^|\\s)${name}=(\\S*)`))?.[1] ?? "";
      tasks.set(field("ArrayTaskId"), {
        state: field("JobState"),
        exit: field("ExitCode"),
        reason: field("Reason"),
      });
    }
    return tasks;
  }

  /** Waits until every task of every job is in a final state (bounded); their states. */
  async finish(jobs: readonly string[], ms: number): Promise<Map<string, TaskState>[]> {
    const deadline = Date.now() + ms;
    for (;;) {
      const states: Map<string, TaskState>[] = [];
      for (const job of jobs) states.push(await this.tasks(job));
      const all = states.flatMap((tasks) => [...tasks.values()]);
      const never = all.find((task) => task.reason === "DependencyNeverSatisfied");
      if (never) throw new Error(`a job's dependency can never be satisfied: ${describe(states)}`);
      if (all.every((task) => FINAL_STATES.has(task.state))) return states;
      if (Date.now() > deadline) {
        throw new Error(
          `jobs ${jobs.join(", ")} still running: ${describe(states)}\n${this.logs()}`,
        );
      }
      await delay(250);
    }
  }

  /** Stops every daemon (SIGTERM, then SIGKILL after 10 s), the last started first. */
  async down(): Promise<void> {
    for (const daemon of this.daemons.slice().reverse()) {
      try {
        daemon.child.kill("SIGTERM");
      } catch {
        // already gone
      }
      if (await within(daemon.child.status, 10_000) === null) {
        try {
          daemon.child.kill("SIGKILL");
        } catch {
          // already gone
        }
        await daemon.child.status;
      }
    }
    this.daemons.length = 0;
  }
}

interface TaskState {
  state: string;
  exit: string;
  reason: string;
}

function describe(states: Map<string, TaskState>[]): string {
  return JSON.stringify(states.map((tasks) => Object.fromEntries(tasks)));
}

function exists(path: string): boolean {
  try {
    Deno.lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** The committed run files of a shard folder (temporary files excluded). */
function runFiles(shard: string): string[] {
  try {
    return [...Deno.readDirSync(join(ROOT, shard, "runs"))]
      .map((entry) => entry.name)
      .filter((name) => /^s\d+-d\d+-g\d+-r\d+\.json$/.test(name))
      .sort();
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return [];
    throw error;
  }
}

/** A copy of a recipe script with its settings replaced (each line must be found once). */
function withSettings(script: string, settings: Record<string, string>): string {
  let text = Deno.readTextFileSync(script);
  for (const [name, value] of Object.entries(settings)) {
    const line = new RegExp(`^${name}=\\S*`, "gm");
    const found = text.match(line) ?? [];
    assert.equal(found.length, 1, `${script}: one "${name}=" line expected, found ${found.length}`);
    text = text.replace(line, `${name}=${value}`);
  }
  return text;
}

/** The JSON a `deno task sim` job printed (its log holds the task line, then the JSON). */
function jobSummary(log: string): Record<string, unknown> {
  const text = Deno.readTextFileSync(log);
  const start = text.indexOf("{\n");
  assert.ok(start >= 0, `no JSON summary in ${log}:\n${text.slice(0, 2000)}`);
  return JSON.parse(text.slice(start, text.lastIndexOf("}") + 1));
}

/** The experiment, in a temporary folder outside the project: 2 designs × 2 points × 3 reps. */
function writeExperiment(dir: string): string {
  const scenario = JSON.parse(Deno.readTextFileSync(`${ROOT}/data/scenarios/mmc.json`));
  delete scenario.$schema;
  // long enough (about 0.5 s a replication) for the test to catch shard 2 half-way
  scenario.horizon_seconds.value = 300_000;
  scenario.bin_width_seconds.value = 10_000;
  Deno.writeTextFileSync(join(dir, "mmc-long.json"), JSON.stringify(scenario, null, 2));
  const experiment = join(dir, "experiment.json");
  Deno.writeTextFileSync(
    experiment,
    JSON.stringify({
      name: "slurm-check",
      scenarios: ["mmc-long.json"],
      designs: ["base", "six-servers"],
      baseline: "base",
      grid: { "demand.arrivals.rate_per_second": [4, 4.5] },
      replications: 3,
    }),
  );
  return experiment;
}

const reason = skipReason();
if (reason !== undefined && !CI) console.log(`tests/cluster/slurm_test.ts skipped: ${reason}`);

Deno.test({
  name: "the Slurm recipe on a one-node cluster: array, a task rerun alone, merge = unsharded run",
  ignore: reason !== undefined && !CI,
  async fn() {
    if (reason !== undefined) {
      throw new Error(`CI=true, so the Slurm test must run, but: ${reason}`);
    }
    const dir = await Deno.makeTempDir({ prefix: "clickday-slurm-" });
    const out = outDir("slurm");
    const shards = `${out}/shards`;
    const cluster = new Cluster(dir);
    const jobs: string[] = [];
    let reference: Promise<CommandOutput> | undefined;
    try {
      const experiment = writeExperiment(dir);
      Deno.writeTextFileSync(
        join(dir, "array.sbatch"),
        withSettings(ARRAY_SCRIPT, {
          "#SBATCH --array": `1-${SHARDS}`,
          SHARDS: String(SHARDS),
          EXPERIMENT: experiment,
          OUT: shards,
        }),
      );
      Deno.writeTextFileSync(
        join(dir, "merge.sbatch"),
        withSettings(MERGE_SCRIPT, { OUT: shards, MERGED: `${out}/merged` }),
      );
      cluster.configure();
      const wholeArgs = ["--experiment", experiment, "--workers", "1", "--quiet", "--out"];
      reference = sim(wholeArgs.concat([`${out}/whole`]));
      await cluster.up();
      const whole = await reference;
      assert.equal(whole.code, 0, whole.stderr);
      const perShard = runFiles(`${out}/whole`).length / SHARDS;
      assert.equal(perShard, 4);

      // The whole array, as documented (2 CPUs: one CPU a task, so two tasks at a time).
      const logs = `--output=${dir}/%x-%A_%a.log`;
      const array = await cluster.submit(["--cpus-per-task=1", logs, join(dir, "array.sbatch")]);
      jobs.push(array);
      // Shard 2 is pre-empted once it has committed a replication.
      await cluster.waitFor(
        "shard 2's first replication",
        async () => {
          if (runFiles(`${shards}/2`).length > 0) return true;
          const task = (await cluster.tasks(array)).get("2");
          if (task && FINAL_STATES.has(task.state)) {
            throw new Error(`shard 2 ended before writing a replication: ${JSON.stringify(task)}`);
          }
          return false;
        },
        60_000,
      );
      await cluster.run("scancel", [`${array}_2`]);
      const [first] = await cluster.finish([array], 60_000);
      for (const k of ["1", "3"]) {
        assert.deepEqual(
          [first.get(k)?.state, first.get(k)?.exit],
          ["COMPLETED", "0:0"],
          `task ${k}: ${describe([first])}\n${tail(`${dir}/clickday-${array}_${k}.log`)}`,
        );
        assert.equal(jobSummary(`${dir}/clickday-${array}_${k}.log`).shard, `${k}/${SHARDS}`);
      }
      const before = runFiles(`${shards}/2`).length;
      const preempted = first.get("2")?.state === "CANCELLED";
      console.log(
        preempted
          ? `shard 2 cancelled with ${before} of ${perShard} replications committed`
          : `shard 2 finished before scancel reached it (${first.get("2")?.state})`,
      );

      // The documented rerun, `sbatch --array=2`, submitted twice at once (two processes on one
      // shard folder), and the merge after both.
      const reruns = [
        await cluster.submit(["--array=2", "--cpus-per-task=1", logs, join(dir, "array.sbatch")]),
        await cluster.submit(["--array=2", "--cpus-per-task=1", logs, join(dir, "array.sbatch")]),
      ];
      const merge = await cluster.submit([
        `--dependency=afterok:${reruns.join(":")}`,
        `--output=${dir}/%x-%j.log`,
        join(dir, "merge.sbatch"),
      ]);
      jobs.push(reruns[0], reruns[1], merge);
      const states = await cluster.finish(jobs.slice(1), 90_000);
      let ran = 0;
      for (const [index, rerun] of reruns.entries()) {
        const log = `${dir}/clickday-${rerun}_2.log`;
        assert.deepEqual(
          [states[index].get("2")?.state, states[index].get("2")?.exit],
          ["COMPLETED", "0:0"],
          `rerun ${rerun}: ${describe(states)}\n${tail(log)}`,
        );
        const summary = jobSummary(log);
        assert.equal(summary.shard, `2/${SHARDS}`, "a task rerun alone keeps N");
        assert.ok((summary.replications_resumed as number) >= before, JSON.stringify(summary));
        ran += summary.replications_run as number;
        if (/in use by another clickday process/.test(Deno.readTextFileSync(log))) {
          console.log(`rerun ${rerun} waited for the other one's lock on shard 2's folder`);
        }
      }
      // The folder lock let one rerun finish the shard; the other found it finished.
      assert.equal(ran, perShard - before, "replications run by the two reruns together");
      assert.equal(runFiles(`${shards}/2`).length, perShard);
      const mergeLog = `${dir}/clickday-merge-${merge}.log`;
      assert.deepEqual(
        [states[2].get("")?.state, states[2].get("")?.exit],
        ["COMPLETED", "0:0"],
        `merge: ${describe(states)}\n${tail(mergeLog)}`,
      );

      const merged = tableBytes(`${out}/merged`);
      for (const [file, bytes] of tableBytes(`${out}/whole`)) {
        assert.deepEqual(merged.get(file), bytes, `merged ${file} differs from the unsharded run`);
      }
    } finally {
      try {
        if (cluster.daemons.length > 0 && jobs.length > 0) {
          await cluster.run("scancel", jobs);
          await cluster.finish(jobs, 20_000).catch(() => {});
        }
      } finally {
        await cluster.down();
        await reference?.catch(() => {});
        removeDir(out);
        await Deno.remove(dir, { recursive: true }).catch(() => {});
      }
    }
  },
});
