/**
 * A throw-away sixth incident made of data files alone: a small, fictional appliance-bonus click
 * day (`bonus-esempio-2099`: 18,000 citizens after a 10:00 opening, a 25-server portal, 1.2 M€ of
 * 100-€ vouchers, first come first served) with its scenario, calibration record (two reported
 * figures, three assumptions, two observables), descriptor and convergence study, plus the
 * fictional reference its figures cite. Nothing of it is real; the tests write it into a temporary
 * copy of `data/` to check that an incident is added without touching code.
 *
 * @module
 */

/** The incident's name (file stem of its four files). */
export const EXAMPLE_INCIDENT = "bonus-esempio-2099";

/** The fictional reference its reported figures cite. */
export const EXAMPLE_REFERENCE = {
  id: "esempio-2099-03-01-bonus-elettrodomestici",
  type: "webpage",
  title: "[Fictional page of a test fixture: an appliance bonus click day]",
  "container-title": "clickday tests",
  issued: { "date-parts": [[2099, 3, 1]] },
  URL: "https://example.org/bonus-esempio-2099",
  accessed: { "date-parts": [[2099, 3, 1]] },
  language: "it",
  note: "Invented for tests/incidents/example_incident.ts; not a real source.",
};

const ref = `ref:${EXAMPLE_REFERENCE.id}`;

/** `data/scenarios/bonus-esempio-2099.json`. */
export const EXAMPLE_SCENARIO = {
  $schema: "../schema/scenario.schema.json",
  name: EXAMPLE_INCIDENT,
  description: "A fictional appliance-bonus click day (test fixture): citizens rush a small " +
    "portal at the 10:00 opening for a first-come-first-served budget of 100-€ vouchers.",
  seed: 2099,
  horizon_seconds: { value: 14_400, source: "[cal:horizon_seconds]" },
  warmup_seconds: 0,
  bin_width_seconds: 60,
  demand: {
    arrivals: {
      kind: "surge",
      baseline_rate_per_second: 0,
      ramp_start_seconds: 0,
      pre_opening_rate_per_second: 0,
      opening_seconds: 0,
      peak_rate_per_second: { value: 20, source: "[= citizens / decay_seconds]" },
      decay_seconds: { value: 900, source: "[cal:decay_seconds]" },
      plateau_rate_per_second: 0,
    },
    population: { value: 18_000, source: "[cal:citizens]" },
    journey: [
      { name: "login", route: ["portal"] },
      { name: "apply", route: ["portal"], think_time_mean_seconds: 30 },
    ],
    client: {
      timeout_seconds: 30,
      retry: { kind: "fixed", max_attempts: 5, delay_seconds: 10, jitter: "none" },
    },
  },
  service: {
    tiers: [{
      name: "portal",
      servers: { value: 25, source: "[cal:portal_servers]" },
      service_time: { kind: "exponential", mean_seconds: 1 },
    }],
  },
  budget: {
    total_euro: { value: 1_200_000, source: "[cal:budget_euro]" },
    grant: { kind: "fixed", euro: { value: 100, source: "[cal:voucher_euro]" } },
    allocation: { rule: "fcfs" },
  },
  designs: {
    "portal-x4": {
      service: {
        tiers: [{ name: "portal", servers: { value: 100, source: "[= portal_servers * 4]" } }],
      },
    },
    lottery: { budget: { allocation: { rule: "lottery", registration_close_seconds: 7200 } } },
  },
};

/** `data/calibration/bonus-esempio-2099.json`. */
export const EXAMPLE_CALIBRATION = {
  incident: EXAMPLE_INCIDENT,
  title: "Bonus esempio on a fictional portal, 1 March 2099 (test fixture)",
  time_origin: "2099-03-01T10:00:00+01:00",
  summary: "A fictional click day: 1.2 M€ of 100-€ appliance vouchers, first come first served " +
    "from 10:00; the portal slows down and the money runs out within hours.",
  parameters: [
    {
      parameter: "horizon_seconds",
      value: 14_400,
      unit: "s",
      tag: "assumption",
      source: "judgement: the opening and the hours the money lasts",
      range: [10_800, 21_600],
      reasoning: "Four hours from the opening cover the rush and the exhaustion.",
      if_wrong: "Must end after the exhaustion.",
      calibrates: "horizon_seconds",
    },
    {
      parameter: "budget_euro",
      value: 1_200_000,
      unit: "euro",
      tag: "reported",
      source: ref,
      quote: "una dotazione di 1,2 milioni di euro",
      calibrates: "budget",
    },
    {
      parameter: "voucher_euro",
      value: 100,
      unit: "euro",
      tag: "reported",
      source: ref,
      quote: "un buono da 100 euro",
      calibrates: "budget grant",
    },
    {
      parameter: "vouchers_fundable",
      value: 12_000,
      unit: "vouchers",
      tag: "derived",
      source: ref,
      formula: "budget_euro / voucher_euro",
      calibrates: "context: vouchers the budget pays",
    },
    {
      parameter: "citizens",
      value: 18_000,
      unit: "citizens",
      tag: "assumption",
      source: "judgement: 1.5 applicants per voucher",
      range: [12_000, 30_000],
      reasoning: "More applicants than vouchers, as on every click day.",
      if_wrong: "Fewer: the money lasts longer; more: it runs out sooner.",
      calibrates: "demand.population",
    },
    {
      parameter: "decay_seconds",
      value: 900,
      unit: "s",
      tag: "assumption",
      source: "judgement",
      range: [300, 1_800],
      reasoning: "Most applicants come in the first quarter of an hour.",
      if_wrong: "A sharper rush overloads the portal more.",
      calibrates: "demand.arrivals.decay_seconds",
    },
    {
      parameter: "portal_servers",
      value: 25,
      unit: "servers",
      tag: "assumption",
      source: "judgement",
      range: [15, 50],
      reasoning: "A small portal: 25 requests/s against a rush of ~40.",
      if_wrong: "A larger portal has no retry storm.",
      calibrates: "service.tiers.portal.servers",
    },
  ],
  observables: [
    {
      observable: "vouchers_funded",
      value: 12_000,
      unit: "citizens",
      tag: "reported",
      source: ref,
      quote: "12.000 buoni assegnati",
      accept: [11_000, 12_000],
      justification: "The budget pays at most 12,000 vouchers.",
      measure: "funded ÷ k",
    },
    {
      observable: "exhaustion_hours_after_opening",
      value: 1.5,
      unit: "h",
      tag: "reported",
      source: ref,
      quote: "fondi esauriti in un'ora e mezza",
      accept: [0.5, 4],
      justification: "A round figure in the press.",
      measure: "budget_exhausted_at_s ÷ 3,600",
    },
  ],
};

/** `data/incidents/bonus-esempio-2099.json`. */
export const EXAMPLE_DESCRIPTOR = {
  $schema: "../schema/incident.schema.json",
  incident: EXAMPLE_INCIDENT,
  time_origin: "2099-03-01T10:00:00+01:00",
  run_plan: {
    scale: 0.5,
    replications: 3,
    why:
      "18,000 citizens in 4 h: k = 0.5 keeps 12–13 portal servers and runs in well under a second.",
    sensitivity_scale: 0.5,
    sensitivity_why: "The calibration scale: a run is cheap.",
    prescreen_scale: null,
    prescreen_why: null,
  },
  sensitivity: { metric: "technical_failure_share", label: null },
  observables: {
    vouchers_funded: {
      measure: { kind: "summary", metric: "funded" },
      produced_by: "budget ÷ voucher, and enough applicants to spend it",
      not_reproduced: null,
    },
    exhaustion_hours_after_opening: {
      measure: { kind: "elapsed", metric: "budget_exhausted_at_s", since_seconds: 0, unit: "h" },
      produced_by: "the rush against a 25-server portal with retries",
      not_reproduced: null,
    },
  },
  alternative: {
    design: "lottery",
    not_served: { kind: "summary", metric: "technical_failure_share" },
    not_served_means: "technical_failure_share",
    below: 0.02,
    below_why: "assumption: one eligible citizen in fifty left out at most",
  },
  designs: {
    base: {
      en: "a 25-server portal, first come first served until the 1.2 M€ run out",
      it:
        "un portale da 25 server, in ordine di arrivo fino all'esaurimento di 1,2 milioni di euro",
    },
    "portal-x4": { en: "four times the portal", it: "un portale quattro volte più grande" },
    lottery: {
      en: "two hours to register, then a draw",
      it: "due ore per registrarsi, poi un sorteggio",
    },
  },
  report: {
    title: {
      it: "Bonus esempio (marzo {year}, dati inventati)",
      en: "Example bonus (March {year}, made-up data)",
    },
    happened: {
      it: "Buoni da {voucher_euro} per {budget_euro} in tutto, assegnati in ordine di arrivo.",
      en: "Vouchers of {voucher_euro}, {budget_euro} in all, given first come first served.",
    },
  },
};

const estimate = (mean: number) => ({ mean, ci_low: mean - 0.01, ci_high: mean + 0.01, n: 3 });

/** `data/convergence/bonus-esempio-2099.json`: the report runs it at k = 0.5. */
export const EXAMPLE_CONVERGENCE = {
  incident: EXAMPLE_INCIDENT,
  generated: "2099-03-01",
  method: "a test fixture: written by hand, not by deno task convergence",
  headline_metrics: ["citizen_success_share"],
  points: [
    { k: 0.5, seconds_per_replication: 0.2, metrics: { citizen_success_share: estimate(0.6) } },
    { k: 1, seconds_per_replication: 0.4, metrics: { citizen_success_share: estimate(0.6) } },
  ],
  chosen_k: 0.5,
  report_k: 0.5,
  quick_k: 0.5,
  bin_width_seconds: 300,
};

const json = (value: unknown) => JSON.stringify(value, null, 2) + "\n";

/**
 * Writes the example incident's four files under `root` (a folder path holding `data/`, whose
 * folders are created if missing) and adds its reference to `data/references.json` there
 * (created if missing).
 */
export function writeExampleIncident(root: string): void {
  for (const folder of ["scenarios", "calibration", "incidents", "convergence"]) {
    Deno.mkdirSync(`${root}/data/${folder}`, { recursive: true });
  }
  Deno.writeTextFileSync(`${root}/data/scenarios/${EXAMPLE_INCIDENT}.json`, json(EXAMPLE_SCENARIO));
  Deno.writeTextFileSync(
    `${root}/data/calibration/${EXAMPLE_INCIDENT}.json`,
    json(EXAMPLE_CALIBRATION),
  );
  Deno.writeTextFileSync(
    `${root}/data/incidents/${EXAMPLE_INCIDENT}.json`,
    json(EXAMPLE_DESCRIPTOR),
  );
  Deno.writeTextFileSync(
    `${root}/data/convergence/${EXAMPLE_INCIDENT}.json`,
    json(EXAMPLE_CONVERGENCE),
  );
  const path = `${root}/data/references.json`;
  let references: unknown[] = [];
  try {
    references = JSON.parse(Deno.readTextFileSync(path));
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  references.push(EXAMPLE_REFERENCE);
  Deno.writeTextFileSync(path, json(references));
}

/** Copies `data/<folder>` (or a file) of the project into `root`. */
export function copyData(projectRoot: string, root: string, entries: readonly string[]): void {
  const copy = (from: string, to: string) => {
    const stat = Deno.statSync(from);
    if (stat.isFile) {
      Deno.copyFileSync(from, to);
      return;
    }
    Deno.mkdirSync(to, { recursive: true });
    for (const entry of Deno.readDirSync(from)) {
      copy(`${from}/${entry.name}`, `${to}/${entry.name}`);
    }
  };
  Deno.mkdirSync(`${root}/data`, { recursive: true });
  for (const entry of entries) copy(`${projectRoot}/data/${entry}`, `${root}/data/${entry}`);
}

/**
 * Copies one incident's files (scenario, calibration, descriptor, convergence, and the Italian
 * translation of its record's prose when there is one) into `root`.
 */
export function copyIncident(projectRoot: string, root: string, incident: string): void {
  for (const folder of ["scenarios", "calibration", "incidents", "convergence"]) {
    Deno.mkdirSync(`${root}/data/${folder}`, { recursive: true });
    Deno.copyFileSync(
      `${projectRoot}/data/${folder}/${incident}.json`,
      `${root}/data/${folder}/${incident}.json`,
    );
  }
  const translation = `data/translations/${incident}.it.json`;
  try {
    Deno.statSync(`${projectRoot}/${translation}`);
  } catch {
    return;
  }
  Deno.mkdirSync(`${root}/data/translations`, { recursive: true });
  Deno.copyFileSync(`${projectRoot}/${translation}`, `${root}/${translation}`);
}
