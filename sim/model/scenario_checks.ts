/**
 * Cross-field rules of a scenario, checked when it is parsed (before anything runs): names are
 * unique and every reference names something that exists, times are ordered, shares match
 * their cohorts, and the run fits in memory.
 *
 * @module
 */
import type { z } from "npm:zod@4.6.7";
import type { ResolvedScenario } from "./scenario_schema.ts";
import { cohortCount } from "./mechanisms/staggered.ts";

/** Most series bins a run may keep (horizon ÷ bin width): about 100 MB per binned metric. */
export const MOST_BINS = 1_000_000;

type Issue = { path: PropertyKey[]; input: unknown; message: string };

/** Adds every cross-field problem of `scenario` to `context`. */
export function checkScenario(scenario: ResolvedScenario, context: z.RefinementCtx): void {
  for (const issue of crossFieldIssues(scenario)) {
    context.addIssue({ code: "custom", ...issue });
  }
}

function duplicates(
  names: string[],
  path: (index: number) => PropertyKey[],
  what: string,
): Issue[] {
  return names.flatMap((name, index) =>
    names.indexOf(name) !== index
      ? [{ path: path(index), input: name, message: `is a duplicate ${what} name` }]
      : []
  );
}

/** The cross-field problems of a parsed scenario. */
export function crossFieldIssues(scenario: ResolvedScenario): Issue[] {
  const issues: Issue[] = [];
  const tiers = scenario.service.tiers.map((tier) => tier.name);
  const tierList = `(tiers: ${tiers.join(", ")})`;
  const operations = scenario.demand.journey.map((operation) => operation.name);
  for (const issue of duplicates(tiers, (i) => ["service", "tiers", i, "name"], "tier")) {
    issues.push(issue);
  }
  for (
    const issue of duplicates(operations, (i) => ["demand", "journey", i, "name"], "operation")
  ) {
    issues.push(issue);
  }
  const classes = scenario.demand.persistence.map((entry) => entry.name);
  const classPath = (i: number) => ["demand", "persistence", i, "name"];
  for (const issue of duplicates(classes, classPath, "persistence class")) {
    issues.push(issue);
  }
  const tierRef = (name: string, path: PropertyKey[]) => {
    if (!tiers.includes(name)) {
      issues.push({ path, input: name, message: `is not a tier ${tierList}` });
    }
  };
  scenario.demand.journey.forEach((operation, op) => {
    operation.route?.forEach((tier, index) =>
      tierRef(tier, ["demand", "journey", op, "route", index])
    );
    const routing = operation.routing;
    if (routing) {
      const at = ["demand", "journey", op, "routing"];
      if (typeof routing.entry === "string") tierRef(routing.entry, [...at, "entry"]);
      else for (const tier of Object.keys(routing.entry)) tierRef(tier, [...at, "entry", tier]);
      for (const [from, next] of Object.entries(routing.next)) {
        tierRef(from, [...at, "next", from]);
        for (const to of Object.keys(next)) tierRef(to, [...at, "next", from, to]);
      }
    }
  });
  scenario.service.tiers.forEach((tier, index) => {
    for (const operation of Object.keys(tier.service_time_by_operation ?? {})) {
      if (!operations.includes(operation)) {
        issues.push({
          path: ["service", "tiers", index, "service_time_by_operation", operation],
          input: operation,
          message: `is not an operation (operations: ${operations.join(", ")})`,
        });
      }
    }
    if (
      tier.servers === "infinite" && (tier.capacity_schedule.length > 0 || tier.crash || tier.usl)
    ) {
      issues.push({
        path: ["service", "tiers", index, "servers"],
        input: tier.servers,
        message: "an infinite-server tier has no capacity schedule, crash threshold or " +
          "contention slowdown (usl)",
      });
    }
  });
  const tiered: [PropertyKey[], string | undefined][] = [
    [["admission", "token_bucket", "tier"], scenario.admission?.token_bucket?.tier],
    [["admission", "concurrency_limit", "tier"], scenario.admission?.concurrency_limit?.tier],
    [["admission", "codel", "tier"], scenario.admission?.codel?.tier],
    [["admission", "load_shedding", "tier"], scenario.admission?.load_shedding?.tier],
    [["autoscaler", "tier"], scenario.autoscaler?.tier],
  ];
  for (const [path, tier] of tiered) if (tier !== undefined) tierRef(tier, path);
  // Mechanisms that act on a tier's servers or queue do not act on an infinite-server tier
  // (no queue while it is up, no server to add): refused rather than silently idle.
  for (const [path, tier] of tiered.slice(2)) {
    const target = scenario.service.tiers.find((each) => each.name === tier);
    if (target?.servers === "infinite") {
      issues.push({
        path,
        input: tier,
        message: "is an infinite-server tier, which serves every request at once (a queue " +
          "forms only while it is down) and takes no servers, so this mechanism would not " +
          "act on it (allowed: a tier with a number of servers)",
      });
    }
  }
  const rule = scenario.budget?.allocation?.rule;
  if (rule === "staggered-shares") {
    if (!scenario.staggered) {
      issues.push({
        path: ["budget", "allocation", "rule"],
        input: rule,
        message: "staggered-shares needs a staggered section",
      });
    } else {
      const cohorts = cohortCount(scenario.staggered);
      const shares = scenario.budget!.allocation!.shares ?? [];
      if (shares.length !== cohorts) {
        issues.push({
          path: ["budget", "allocation", "shares"],
          input: shares,
          message: `has ${shares.length} shares for ${cohorts} cohorts`,
        });
      }
    }
  }
  if (scenario.warmup_seconds >= scenario.horizon_seconds) {
    issues.push({
      path: ["warmup_seconds"],
      input: scenario.warmup_seconds,
      message: `is not before the horizon (${scenario.horizon_seconds} s)`,
    });
  }
  const bins = Math.ceil(scenario.horizon_seconds / scenario.bin_width_seconds);
  if (bins > MOST_BINS) {
    issues.push({
      path: ["bin_width_seconds"],
      input: scenario.bin_width_seconds,
      message: `makes ${bins} bins over the horizon; at most ${MOST_BINS} are allowed ` +
        `(use bins of at least ${Math.ceil(scenario.horizon_seconds / MOST_BINS)} s)`,
    });
  }
  return issues;
}
