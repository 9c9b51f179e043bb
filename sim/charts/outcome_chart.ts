/**
 * Chart 5 — who got the bonus: the share of citizens funded, denied because the budget ran
 * out, or excluded by a technical failure, by arrival order or by persistence.
 *
 * @module
 */
import type { OutcomeRow } from "../table/types.ts";
import { Chart } from "./chart.ts";
import {
  checkLang,
  formatNumber,
  formatPercent,
  groupByLabel,
  type Lang,
  outcomeLabel,
  percentWithArticle,
  pick,
  WORDS,
} from "./labels.ts";
import { categoryColor, CONCEPT_COLORS } from "./palette.ts";
import { basePlotlyConfig, basePlotlyLayout } from "./plotly_figure.ts";
import { type RunSelection, selectRuns } from "./select_rows.ts";
import { baseVegaLiteSpec, SPEC_HEIGHT, SPEC_WIDTH } from "./vega_lite_spec.ts";

/** Options for `outcomeChart`. */
export interface OutcomeChartOptions extends RunSelection {
  /** Grouping to show (`OutcomeRow.group_by`): default `"arrival_decile"`. */
  groupBy?: string;
  /** Chart language (default Italian). */
  lang?: Lang;
}

/** Outcomes in stacking order (bottom first), with their colours. */
export const OUTCOME_ORDER: readonly { outcome: string; color: string }[] = [
  { outcome: "funded", color: CONCEPT_COLORS.funded },
  { outcome: "succeeded", color: CONCEPT_COLORS.succeeded },
  { outcome: "denied_budget", color: CONCEPT_COLORS.deniedBudget },
  { outcome: "denied_closed", color: CONCEPT_COLORS.deniedClosed },
  { outcome: "failed_technical", color: CONCEPT_COLORS.failedTechnical },
  { outcome: "gave_up", color: CONCEPT_COLORS.gaveUp },
  { outcome: "still_trying", color: CONCEPT_COLORS.stillTrying },
];

const PERSISTENCE_ORDER = ["low", "medium", "high"];

/** Group labels in display order: numeric labels numerically, persistence low→high, else as seen. */
export function orderGroups(groups: readonly string[]): string[] {
  const distinct = [...new Set(groups)];
  if (distinct.every((group) => group.trim() !== "" && Number.isFinite(Number(group)))) {
    return distinct.sort((a, b) => Number(a) - Number(b));
  }
  if (distinct.every((group) => PERSISTENCE_ORDER.includes(group))) {
    return distinct.sort((a, b) => PERSISTENCE_ORDER.indexOf(a) - PERSISTENCE_ORDER.indexOf(b));
  }
  return distinct;
}

/**
 * Who got the bonus, from `OutcomeRow`s (counts of citizens per group and outcome): stacked
 * shares per group, counts averaged over the replications (a replication is one launch). The
 * caption compares the first and last groups' funded shares and gives the overall share
 * excluded by technical failure.
 */
export function outcomeChart(
  outcomes: readonly OutcomeRow[],
  options: OutcomeChartOptions = {},
): Chart {
  const lang = checkLang(options.lang);
  const groupBy = options.groupBy ?? "arrival_decile";
  const all = selectRuns(outcomes, options, "outcomes");
  const rows = all.filter((row) => row.group_by === groupBy);
  if (rows.length === 0) {
    const available = [...new Set(all.map((row) => row.group_by))].join(", ");
    throw new RangeError(
      `groupBy: no outcome rows grouped by ${JSON.stringify(groupBy)}; the table has ${available}`,
    );
  }
  const groups = orderGroups(rows.map((row) => row.group));
  const known = OUTCOME_ORDER.map((entry) => entry.outcome);
  const present = [...new Set(rows.map((row) => row.outcome))];
  const outcomeNames = [
    ...known.filter((name) => present.includes(name)),
    ...present.filter((name) => !known.includes(name)),
  ];
  const colorOf = (name: string, index: number) =>
    OUTCOME_ORDER.find((entry) => entry.outcome === name)?.color ?? categoryColor(index);
  const counts = new Map<string, number>();
  const groupTotals = new Map<string, number>();
  // mean per launch: the rows of every replication selected, each counted 1/runs
  const runs =
    new Set(rows.map((row) => `${row.scenario}\u0000${row.design}\u0000${row.replication}`))
      .size;
  for (const row of rows) {
    const key = `${row.group}\u0000${row.outcome}`;
    counts.set(key, (counts.get(key) ?? 0) + row.count / runs);
    groupTotals.set(row.group, (groupTotals.get(row.group) ?? 0) + row.count / runs);
  }
  const share = (group: string, outcome: string) =>
    (counts.get(`${group}\u0000${outcome}`) ?? 0) / (groupTotals.get(group) || 1);
  const grandTotal = [...groupTotals.values()].reduce((sum, value) => sum + value, 0);
  const totalOf = (outcome: string) =>
    groups.reduce((sum, group) => sum + (counts.get(`${group}\u0000${outcome}`) ?? 0), 0);

  const groupTitle = groupByLabel(groupBy, lang);
  const yTitle = `${pick(lang, WORDS.share)} (%)`;
  const values = groups.flatMap((group) =>
    outcomeNames.map((outcome, order) => ({
      group,
      outcome: outcomeLabel(outcome, lang),
      order,
      count: counts.get(`${group}\u0000${outcome}`) ?? 0,
      share: share(group, outcome),
    }))
  );
  const labels = outcomeNames.map((name) => outcomeLabel(name, lang));
  const colors = outcomeNames.map(colorOf);

  const firstGroup = groups[0];
  const lastGroup = groups.at(-1)!;
  // Without a budget (an entitlement such as the cashback) the outcomes are succeeded / gave up
  // / still trying: the headline is then who completed the procedure, not who was funded.
  const budgeted = present.includes("funded") || present.includes("denied_budget");
  const positive = budgeted ? "funded" : "succeeded";
  const fundedFirst = share(firstGroup, positive);
  const fundedLast = share(lastGroup, positive);
  const technical =
    (budgeted ? totalOf("failed_technical") : totalOf("gave_up") + totalOf("still_trying")) /
    (grandTotal || 1);
  const title = budgeted
    ? pick(lang, {
      it:
        `Chi ha ottenuto il bonus: ${formatPercent(fundedFirst, lang)} nel gruppo ${firstGroup}, ` +
        `${formatPercent(fundedLast, lang)} nel gruppo ${lastGroup}`,
      en: `Who got the bonus: ${formatPercent(fundedFirst, lang)} in group ${firstGroup}, ` +
        `${formatPercent(fundedLast, lang)} in group ${lastGroup}`,
    })
    : pick(lang, {
      it: `Chi ha completato la procedura: ${formatPercent(fundedFirst, lang)} nel gruppo ` +
        `${firstGroup}, ${formatPercent(fundedLast, lang)} nel gruppo ${lastGroup}`,
      en: `Who completed the procedure: ${formatPercent(fundedFirst, lang)} in group ` +
        `${firstGroup}, ${formatPercent(fundedLast, lang)} in group ${lastGroup}`,
    });
  const caption = pick(lang, {
    it:
      `${groupTitle}: ${budgeted ? "è stato finanziato" : "ha completato la procedura"} ${
        percentWithArticle(fundedFirst, lang)
      } del gruppo ` +
      `${firstGroup} contro ${percentWithArticle(fundedLast, lang)} del gruppo ${lastGroup}; ` +
      `${percentWithArticle(technical, lang)} dei ${
        formatNumber(grandTotal, lang)
      } cittadini è stato escluso per un guasto tecnico.`,
    en:
      `${groupTitle}: ${formatPercent(fundedFirst, lang)} of group ${firstGroup} ${
        budgeted ? "were funded" : "completed the procedure"
      } ` +
      `against ${formatPercent(fundedLast, lang)} of group ${lastGroup}; ` +
      `${formatPercent(technical, lang)} of the ${
        formatNumber(grandTotal, lang)
      } citizens were excluded by a technical failure.`,
  });

  const vegaLite = {
    ...baseVegaLiteSpec({ title, caption, lang }),
    width: SPEC_WIDTH,
    height: SPEC_HEIGHT,
    data: { values },
    mark: { type: "bar" },
    encoding: {
      x: {
        field: "group",
        type: "ordinal",
        sort: groups,
        title: groupTitle,
        axis: { labelAngle: 0 },
      },
      y: {
        field: "share",
        type: "quantitative",
        stack: "zero",
        title: yTitle,
        axis: { format: ".0%" },
        scale: { domain: [0, 1] },
      },
      color: {
        field: "outcome",
        type: "nominal",
        title: null,
        scale: { domain: labels, range: colors },
        sort: labels,
      },
      order: { field: "order", type: "quantitative" },
      tooltip: [
        { field: "group", type: "ordinal", title: groupTitle },
        { field: "outcome", type: "nominal", title: " " },
        { field: "share", type: "quantitative", format: ".1%", title: yTitle },
        { field: "count", type: "quantitative", format: ",.0f", title: "n" },
      ],
    },
  };
  const layout = basePlotlyLayout({ title, caption, lang });
  layout.barmode = "stack";
  layout.xaxis = {
    title: { text: groupTitle },
    type: "category",
    categoryorder: "array",
    categoryarray: groups,
  };
  layout.yaxis = {
    title: { text: yTitle },
    tickformat: ".0%",
    range: [0, 1],
    gridcolor: "#E5E5E5",
  };
  const data = outcomeNames.map((outcome, index) => ({
    type: "bar",
    name: labels[index],
    x: groups,
    y: groups.map((group) => share(group, outcome)),
    customdata: groups.map((group) => counts.get(`${group}\u0000${outcome}`) ?? 0),
    marker: { color: colors[index] },
    hovertemplate: `${labels[index]}: %{y:.1%} (%{customdata:,.0f})<extra></extra>`,
  }));
  return new Chart({
    title,
    caption,
    lang,
    vegaLite,
    plotly: { data, layout, config: basePlotlyConfig() },
  });
}
