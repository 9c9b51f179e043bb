/**
 * Mechanism `autoscaler`: scales one tier's servers to keep its utilisation near a target,
 * with an evaluation interval, a provisioning delay and a scale-in cooldown (like cloud
 * autoscaling groups). `scale_on: demand` counts queued work as busy servers.
 *
 * @module
 */
import { z } from "npm:zod@4.6.7";
import { nonNegativeNumber, positiveInteger, positiveNumber } from "../../scenario/numbers.ts";
import { positiveNumberAtMost } from "../../scenario/numbers.ts";
import { Autoscaler } from "./autoscaler_controller.ts";
import { defineMechanism } from "./mechanism.ts";
import { tierField } from "./tier_field.ts";

/** Autoscaler options. */
export const AutoscalerSchema = z.strictObject({
  tier: tierField(),
  scale_on: z.enum(["utilisation", "demand"], { error: "is not one of utilisation, demand" })
    .default("utilisation").describe(
      "utilisation: busy servers; demand: busy plus queued work, in servers",
    ),
  target_utilisation: positiveNumberAtMost("unscaled", 1).describe("Utilisation aimed for"),
  min_servers: positiveInteger("servers"),
  max_servers: positiveInteger("servers"),
  evaluation_interval_seconds: positiveNumber("time").default(60),
  provisioning_delay_seconds: nonNegativeNumber("time").describe("Order to serving, seconds"),
  scale_in_cooldown_seconds: nonNegativeNumber("time").default(300),
}).refine((value) => value.min_servers <= value.max_servers, {
  error: "needs min_servers <= max_servers",
  path: ["max_servers"],
});

/** The autoscaler mechanism. */
export const autoscaler = defineMechanism({
  key: "autoscaler",
  place: "section",
  description: "Autoscaling of one tier",
  schema: AutoscalerSchema,
  build(config, context) {
    const tier = context.tierIndex(config.tier);
    const concurrency =
      (context.scenario.service.tiers[tier] as { concurrency_per_server?: number })
        .concurrency_per_server ?? 1;
    const onDemand = config.scale_on === "demand";
    return {
      hooks: {
        onStart(control) {
          new Autoscaler(control, {
            targetUtilisation: config.target_utilisation,
            minServers: config.min_servers,
            maxServers: config.max_servers,
            evaluationIntervalSeconds: config.evaluation_interval_seconds,
            provisioningDelaySeconds: config.provisioning_delay_seconds,
            scaleInCooldownSeconds: config.scale_in_cooldown_seconds,
          }, {
            busy: onDemand
              ? () => (control.busy(tier) + control.queueLength(tier)) / concurrency
              : () => control.busy(tier) / concurrency,
            servers: () => control.servers(tier),
            setServers: (servers) => control.setServers(tier, servers),
          });
        },
      },
    };
  },
});
