// The signals view: what the monitoring sees, classified live.

import * as ir from "@incident-response/core";
import { byId, fill, h, minutes, refusal, ruleLink, words } from "./dom.js";
import { constsOf } from "./decision.js";

const ALERTS: Record<string, string> = {
  page_vp_engineering: "page the VP Engineering",
  page_engineering_lead: "page the engineering lead",
  slack_incidents: "post in the #incidents Slack channel",
  jira_ticket: "open a Jira ticket",
};

const RESPONDERS: Record<string, string> = {
  all_hands: "all hands",
  focused_team: "a focused team",
  secondary_on_call: "the secondary on-call",
  next_sprint: "the next sprint",
};

function numberOf(id: string): number | undefined {
  const raw = byId<HTMLInputElement>(id).value.trim();
  return raw === "" ? undefined : Number(raw);
}

export function readSignals(): ir.Signals {
  const signals: Record<string, unknown> = {};
  const errorRate = numberOf("sig-error-rate");
  if (errorRate !== undefined) {
    signals["error_rate"] = errorRate;
  }
  const latency = numberOf("sig-latency");
  if (latency !== undefined) {
    signals["latency_ms"] = latency;
  }
  for (const [id, field] of [
    ["sig-data-loss", "data_loss"],
    ["sig-exposed", "customer_data_exposed"],
    ["sig-degradation", "gradual_degradation"],
  ] as const) {
    if (byId<HTMLInputElement>(id).checked) {
      signals[field] = true;
    }
  }
  const feature = byId<HTMLSelectElement>("sig-feature").value;
  if (feature !== "none") {
    signals["feature_broken"] = feature;
  }
  return signals as ir.Signals;
}

export function writeSignals(signals: Partial<ir.Signals>): void {
  byId<HTMLInputElement>("sig-error-rate").value = signals.error_rate == null ? "" : String(signals.error_rate);
  byId<HTMLInputElement>("sig-latency").value = signals.latency_ms == null ? "" : String(signals.latency_ms);
  byId<HTMLInputElement>("sig-data-loss").checked = signals.data_loss === true;
  byId<HTMLInputElement>("sig-exposed").checked = signals.customer_data_exposed === true;
  byId<HTMLInputElement>("sig-degradation").checked = signals.gradual_degradation === true;
  byId<HTMLSelectElement>("sig-feature").value = signals.feature_broken ?? "none";
}

let last: ir.Classification | null = null;

let shown: string | null = null;

export function render(): void {
  const signals = readSignals();
  const json = JSON.stringify(signals, null, 2);
  if (json === shown) {
    return;
  }
  shown = json;
  fill("sig-json", json);
  let classification: ir.Classification;
  try {
    classification = ir.classify(signals);
  } catch (error) {
    last = null;
    fill("classify-refusal", refusal(error, "classify-refusal"));
    byId("classify-result").hidden = true;
    return;
  }
  last = classification;
  fill("classify-refusal");
  byId("classify-result").hidden = false;
  const severity = fill("severity", classification.severity);
  severity.dataset["severity"] = classification.severity;
  byId("classify-card").dataset["severity"] = classification.severity;
  fill(
    "matched-rules",
    classification.rules.map((rule) =>
      h(
        "li",
        { "data-testid": "matched-rule", "data-rule": rule.id },
        ruleLink(rule.id),
        " ",
        h("span", { class: "badge" }, rule.severity),
        " ",
        h("q", {}, rule.quote),
      ),
    ),
  );
  const plan = classification.response;
  const rows: Array<[string, string, string]> = [
    ["alert", "Alert", ALERTS[plan.alert] ?? words(plan.alert)],
    ["responders", "Responders", RESPONDERS[plan.responders] ?? words(plan.responders)],
    ["resolution_sla_minutes", "Resolve within", minutes(plan.resolution_sla_minutes)],
    ["customer_notification_minutes", "Notify customers within", plan.customer_notification_minutes === null ? "no notification" : minutes(plan.customer_notification_minutes)],
    ["decision_minutes", "Rollback or forward fix decided within", plan.decision_minutes === null ? "no decision due" : minutes(plan.decision_minutes)],
  ];
  fill(
    "response-plan",
    rows.map(([field, label, value]) =>
      h(
        "tr",
        {},
        h("th", { scope: "row" }, label),
        h("td", { "data-testid": `plan-${field}`, "data-value": String((plan as unknown as Record<string, unknown>)[field]) }, value),
      ),
    ),
  );
}

export function setup(toDecision: (severity: ir.Severity, dataLoss: boolean) => void): void {
  const schema = ir.schema("signals");
  byId<HTMLSelectElement>("sig-feature").replaceChildren(
    ...constsOf(schema, "BrokenFeature").map((v) => h("option", { value: v }, words(v))),
  );
  const form = byId<HTMLFormElement>("signals-form");
  form.addEventListener("input", render);
  form.addEventListener("change", render);
  form.addEventListener("submit", (event) => event.preventDefault());
  byId("sig-example").addEventListener("click", () => {
    writeSignals(ir.example("signals") as Partial<ir.Signals>);
    render();
  });
  byId("sig-reset").addEventListener("click", () => {
    writeSignals({});
    render();
  });
  byId("sig-to-decision").addEventListener("click", () => {
    if (last !== null) {
      toDecision(last.severity, readSignals().data_loss === true);
    }
  });
  writeSignals(ir.example("signals") as Partial<ir.Signals>);
  render();
}
