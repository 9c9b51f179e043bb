/**
 * The report's findings: design intervals are clipped to what each metric can take, so a
 * table never shows a count below 0 or a share above 100 % (the prose already clipped them).
 */
import assert from "node:assert/strict";
import { incidentFindings } from "../../sim/report/findings.ts";

Deno.test("the report's design intervals stay within what the metric can take", () => {
  const key = { scenario: "s", design: "base" };
  const summaries = [0, 1].flatMap((replication) => [
    { ...key, replication, metric: "funded", value: replication === 0 ? 0 : 200 },
    { ...key, replication, metric: "funded_share", value: replication === 0 ? 0.99 : 1 },
  ]);
  const estimate = (metric: string, mean: number, low: number, high: number) => ({
    ...key,
    metric,
    mean,
    ci_low: low,
    ci_high: high,
    n: 2,
    std: 1,
  });
  const findings = incidentFindings(
    {
      summaries,
      series: [],
      outcomes: [],
      estimates: [
        estimate("funded", 100, -1170, 1370),
        estimate("funded_share", 0.995, 0.93, 1.06),
      ],
      differences: [],
    } as unknown as Parameters<typeof incidentFindings>[0],
    "s",
    ["base"],
  );
  const design = findings.designs[0];
  assert.deepEqual([design.estimates.funded.low, design.estimates.funded.high], [0, 1370]);
  assert.deepEqual(
    [design.estimates.funded_share.low, design.estimates.funded_share.high],
    [0.93, 1],
  );
});
