// The decision view: the incident context as a form, the decision live.

import * as ir from "@incident-response/core";
import { byId, fill, h, outcomeLabel, prose, refusal, ruleLink, words, type Child } from "./dom.js";

type Context = ir.IncidentContext;

/** The `const` values of a schema definition written as `oneOf` (or `anyOf`). */
export function constsOf(schema: Record<string, unknown>, def: string): string[] {
  const defs = (schema["$defs"] ?? {}) as Record<string, { oneOf?: unknown[]; anyOf?: unknown[] }>;
  const variants = defs[def]?.oneOf ?? defs[def]?.anyOf ?? [];
  const values: string[] = [];
  for (const variant of variants as Array<Record<string, unknown>>) {
    if (typeof variant["const"] === "string") {
      values.push(variant["const"]);
    }
    // An object variant names its kind: `{"kind": {"const": "deployment"}}`.
    const kind = (variant["properties"] as Record<string, Record<string, unknown>> | undefined)?.["kind"]?.["const"];
    if (typeof kind === "string") {
      values.push(kind);
    }
  }
  return values;
}

/** The description of each `const` of a definition, for option titles. */
function descriptionsOf(schema: Record<string, unknown>, def: string): Map<string, string> {
  const defs = (schema["$defs"] ?? {}) as Record<string, { oneOf?: Array<Record<string, unknown>> }>;
  const out = new Map<string, string>();
  for (const variant of defs[def]?.oneOf ?? []) {
    const value = variant["const"] ?? (variant["properties"] as Record<string, Record<string, unknown>> | undefined)?.["kind"]?.["const"];
    if (typeof value === "string" && typeof variant["description"] === "string") {
      out.set(value, variant["description"].replace(/^> /, ""));
    }
  }
  return out;
}

const el = {
  severity: () => byId<HTMLSelectElement>("ctx-severity"),
  dataLoss: () => byId<HTMLSelectElement>("ctx-data-loss"),
  cause: () => byId<HTMLSelectElement>("ctx-cause"),
  revert: () => byId<HTMLSelectElement>("ctx-revert"),
  backup: () => byId<HTMLSelectElement>("ctx-backup"),
  backupMinutes: () => byId<HTMLInputElement>("ctx-backup-minutes"),
  fix: () => byId<HTMLSelectElement>("ctx-fix"),
  fixReady: () => byId<HTMLInputElement>("ctx-fix-ready"),
  fixSafe: () => byId<HTMLInputElement>("ctx-fix-safe"),
  fixHot: () => byId<HTMLInputElement>("ctx-fix-hot"),
  fixMinutes: () => byId<HTMLInputElement>("ctx-fix-minutes"),
};

function options(select: HTMLSelectElement, values: Array<[string, string, string?]>): void {
  select.replaceChildren(...values.map(([value, label, title]) => h("option", { value, title }, label)));
}

/** A number input's value as the document would carry it: `undefined` when empty. */
function numberOf(input: HTMLInputElement): number | undefined {
  const raw = input.value.trim();
  return raw === "" ? undefined : Number(raw);
}

/** The context the form states: a field left "not stated" is left out. */
export function readForm(): Context {
  const context: Record<string, unknown> = { severity: el.severity().value };
  const dataLoss = el.dataLoss().value;
  if (dataLoss !== "") {
    context["data_loss"] = dataLoss === "true";
  }
  const kind = el.cause().value;
  if (kind !== "") {
    context["cause"] = kind === "deployment" ? { kind, revert: el.revert().value } : { kind };
  }
  const backup = el.backup().value;
  if (backup === "null") {
    context["backup_restore_minutes"] = null;
  } else if (backup === "minutes") {
    context["backup_restore_minutes"] = numberOf(el.backupMinutes());
  }
  const fix = el.fix().value;
  if (fix === "null") {
    context["fix"] = null;
  } else if (fix === "fix") {
    context["fix"] = {
      ready: el.fixReady().checked,
      simple_and_safe: el.fixSafe().checked,
      hot_reload: el.fixHot().checked,
      estimated_deploy_minutes: numberOf(el.fixMinutes()),
    };
  }
  return context as unknown as Context;
}

/** Set the form to state exactly this context. */
export function writeForm(context: Partial<Context>): void {
  el.severity().value = context.severity ?? "P1";
  el.dataLoss().value = context.data_loss === undefined || context.data_loss === null ? "" : String(context.data_loss);
  const cause = context.cause;
  el.cause().value = cause === undefined || cause === null ? "" : cause.kind;
  if (cause && cause.kind === "deployment") {
    el.revert().value = cause.revert;
  }
  const backup = context.backup_restore_minutes;
  el.backup().value = backup === undefined ? "" : backup === null ? "null" : "minutes";
  if (typeof backup === "number") {
    el.backupMinutes().value = String(backup);
  }
  const fix = context.fix;
  el.fix().value = fix === undefined ? "" : fix === null ? "null" : "fix";
  if (fix) {
    el.fixReady().checked = fix.ready;
    el.fixSafe().checked = fix.simple_and_safe;
    el.fixHot().checked = fix.hot_reload === true;
    el.fixMinutes().value = String(fix.estimated_deploy_minutes);
  }
  syncEnabled();
}

/** Only the inputs that the stated fields use are enabled. */
function syncEnabled(): void {
  el.revert().disabled = el.cause().value !== "deployment";
  el.backupMinutes().disabled = el.backup().value !== "minutes";
  const noFix = el.fix().value !== "fix";
  for (const input of [el.fixReady(), el.fixSafe(), el.fixHot(), el.fixMinutes()]) {
    input.disabled = noFix;
  }
  byId("ctx-fix-fields").classList.toggle("disabled", noFix);
}

/** The context with one change applied: `fix.ready` sets the fix's field. */
export function applyChange(context: Context, change: ir.Change): Context {
  const next = structuredClone(context) as unknown as Record<string, unknown>;
  const [head, tail] = change.field.split(".") as [string, string | undefined];
  if (tail === undefined) {
    next[head] = structuredClone(change.value);
  } else {
    const inner = (next[head] ?? {}) as Record<string, unknown>;
    inner[tail] = change.value;
    next[head] = inner;
  }
  return next as unknown as Context;
}

/** A change in words: `cause: a database migration`. */
export function describeChange(change: ir.Change): string {
  const v = change.value as unknown;
  switch (change.field) {
    case "severity":
      return `severity ${String(v)}`;
    case "data_loss":
      return v ? "data loss or corruption" : "no data loss";
    case "cause": {
      const cause = v as ir.Cause;
      return cause.kind === "deployment" ? `cause: a deployment with a ${cause.revert} revert` : `cause: ${words(cause.kind)}`;
    }
    case "backup_restore_minutes":
      return v === null ? "no usable backup" : `backup restores in ${String(v)} min`;
    case "fix": {
      if (v === null) {
        return "no fix";
      }
      const fix = v as ir.FixInDecision;
      const how = [fix.ready ? "ready" : "not ready", fix.simple_and_safe ? "simple and safe" : "not simple and safe"];
      return `a fix, ${how.join(", ")}, deployed in ${fix.estimated_deploy_minutes} min`;
    }
    case "fix.ready":
      return v ? "the fix ready" : "the fix not ready";
    case "fix.simple_and_safe":
      return v ? "the fix simple and safe" : "the fix not simple and safe";
    case "fix.estimated_deploy_minutes":
      return `the fix deployed in ${String(v)} min`;
  }
}

let onDecided: (() => void) | null = null;

let shown: string | null = null;

/** Decide on the form's context; nothing to do when it has not changed (a
 * number input's late `change` event must not replace the buttons under
 * the pointer). */
export function render(force = false): void {
  const context = readForm();
  const json = JSON.stringify(context, null, 2);
  if (json === shown && !force) {
    return;
  }
  shown = json;
  fill("ctx-json", json);
  let decision: ir.Decision;
  try {
    decision = ir.decide(context);
  } catch (error) {
    fill("decision-refusal", refusal(error, "decision-refusal"));
    byId("decision-result").hidden = true;
    return;
  }
  fill("decision-refusal");
  byId("decision-result").hidden = false;
  const outcome = fill("outcome", outcomeLabel(decision.outcome));
  outcome.dataset["outcome"] = decision.outcome;
  byId("decision-card").dataset["outcome"] = decision.outcome;
  fill("next-action", decision.next_action);
  fill("decision-severity", decision.severity);
  fill(
    "decide-within",
    decision.decide_within_minutes === null ? "no deadline" : `decide within ${formatMinutes(decision.decide_within_minutes)}`,
  );
  const deciding = fill("deciding-rule", ruleLink(decision.deciding_rule));
  deciding.dataset["rule"] = decision.deciding_rule;
  fill(
    "assumptions",
    decision.rests_on_assumptions
      ? "This decision rests on assumptions: some fields were not stated, and their defaults were assumed (marked “assumed” below)."
      : "Every answer comes from the context as stated.",
  );
  fill(
    "decision-path",
    decision.path.map((step, i) =>
      h(
        "li",
        { class: `step answer-${step.answer}`, "data-testid": "path-step", "data-step-id": step.id, "data-answer": step.answer },
        h(
          "div",
          { class: "step-head" },
          h("span", { class: "step-number" }, `${i + 1}.`),
          ruleLink(step.id),
          " ",
          h("span", { class: "question" }, step.question),
        ),
        h(
          "div",
          { class: "step-answer" },
          h("strong", { class: "answer" }, step.answer.toUpperCase()),
          ": ",
          step.finding,
          step.basis === "default" ? h("span", { class: "badge assumed", title: "not stated: the default was assumed" }, "assumed") : null,
        ),
        h("blockquote", { class: "quote", cite: "#rule-" + step.id }, `“${step.quote}”`),
        step.quote_note ? h("p", { class: "quote-note" }, ...prose(step.quote_note)) : null,
      ),
    ),
  );
  const counterfactuals = decision.counterfactuals;
  fill(
    "counterfactuals",
    counterfactuals.length === 0
      ? h("p", { class: "muted" }, "No single change to the context would flip this outcome.")
      : h(
          "ul",
          { class: "counterfactuals" },
          counterfactuals.map((cf) =>
            h(
              "li",
              {},
              h(
                "button",
                {
                  type: "button",
                  class: `counterfactual outcome-${cf.outcome}`,
                  "data-testid": "counterfactual",
                  "data-outcome": cf.outcome,
                  "data-field": cf.change.field,
                  onclick: () => {
                    writeForm(applyChange(readForm(), cf.change));
                    render();
                  },
                },
                h("strong", {}, outcomeLabel(cf.outcome)),
                " if ",
                describeChange(cf.change),
                cf.assuming.length > 0 ? h("span", { class: "muted" }, ` (assuming ${cf.assuming.map(words).join(", ")})`) : null,
              ),
            ),
          ),
        ),
  );
  fill("decision-text", String(decision));
  onDecided?.();
}

function formatMinutes(value: number): string {
  return value % 60 === 0 ? `${value / 60} h` : `${value} min`;
}

export function setup(whenDecided?: () => void): void {
  onDecided = whenDecided ?? null;
  const schema = ir.schema("incident-context");
  const severities = descriptionsOf(schema, "Severity");
  options(
    el.severity(),
    constsOf(schema, "Severity").map((v) => [v, `${v} ${(severities.get(v) ?? "").split(" ")[1] ?? ""}`.trim(), severities.get(v)]),
  );
  options(el.dataLoss(), [
    ["", "not stated (assumed none)"],
    ["true", "yes: data loss or corruption"],
    ["false", "no"],
  ]);
  options(el.cause(), [["", "not stated (assumed unknown)"], ...constsOf(schema, "Cause").map((v): [string, string] => [v, words(v)])]);
  const reverts = descriptionsOf(schema, "Revert");
  options(
    el.revert(),
    constsOf(schema, "Revert").map((v): [string, string, string?] => [v, v, reverts.get(v)]),
  );
  options(el.backup(), [
    ["", "not stated (assumed none usable)"],
    ["null", "no usable backup"],
    ["minutes", "restores in … minutes"],
  ]);
  options(el.fix(), [
    ["", "not stated (assumed none ready)"],
    ["null", "no fix"],
    ["fix", "a fix:"],
  ]);
  const form = byId<HTMLFormElement>("decision-form");
  form.addEventListener("input", () => {
    syncEnabled();
    render();
  });
  form.addEventListener("change", () => {
    syncEnabled();
    render();
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  byId("ctx-example").addEventListener("click", () => {
    writeForm(ir.example("incident-context") as unknown as Context);
    render();
  });
  byId("ctx-reset").addEventListener("click", () => {
    writeForm({ severity: "P1" });
    render();
  });
  writeForm(ir.example("incident-context") as unknown as Context);
  render();
}

/** Show a context (a row of the decision table, a classification) in the form. */
export function show(context: Partial<Context>): void {
  writeForm(context);
  render();
}

export type { Child };
