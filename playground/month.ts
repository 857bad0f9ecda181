// A month: a JSON file of incidents (one month's summary) or of months (the
// trends, and each month's summary).

import * as ir from "@incident-response/core";
import { chart, figureLabel } from "./chart.js";
import { byId, duration, fill, h, percent, refusal, ruleLink, words, type Child } from "./dom.js";

type Json = unknown;

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/** A figure of a summary: its path in the answer, shown with its raw value. */
function figure(path: string, value: unknown, shown: Child): HTMLElement {
  return h("td", { "data-figure": path, "data-value": JSON.stringify(value ?? null) }, shown);
}

function status(value: ir.GoalStatus): HTMLElement {
  return h("span", { class: `badge goal-${value}` }, words(value));
}

export function summaryView(summary: ir.MonthlySummary): HTMLElement {
  const counts = summary.incidents;
  const stats: Array<[keyof ir.MonthlySummary & string, string]> = [
    ["mttr", "MTTR (started → resolved)"],
    ["mttd", "MTTD (started → detected)"],
    ["detection_to_resolution", "Detection → resolution"],
    ["p2_mttr", "P2 MTTR"],
  ];
  const r = summary.rollbacks;
  const g = summary.goals;
  return h(
    "div",
    { class: "summary", "data-testid": "month-summary", "data-month": summary.month },
    h("h3", {}, `Month ${summary.month}`),
    h(
      "div",
      { class: "summary-grid" },
      h(
        "table",
        {},
        h("caption", {}, "Incidents (", ruleLink("ME-1"), ")"),
        h("thead", {}, h("tr", {}, ["P1", "P2", "P3", "P4"].map((p) => h("th", { scope: "col" }, p)), h("th", { scope: "col" }, "still open"), h("th", { scope: "col" }, "outside the month"))),
        h(
          "tbody",
          {},
          h(
            "tr",
            {},
            (["P1", "P2", "P3", "P4"] as const).map((p) => figure(`incidents.${p}`, counts[p], counts[p])),
            figure("still_open", summary.still_open, summary.still_open),
            figure("outside_month", summary.outside_month, summary.outside_month),
          ),
        ),
      ),
      h(
        "table",
        {},
        h("caption", {}, "Durations (", ruleLink("ME-2"), ")"),
        h("thead", {}, h("tr", {}, ["", "n", "mean", "median", "p90"].map((c) => h("th", { scope: "col" }, c)))),
        h(
          "tbody",
          {},
          stats.map(([key, label]) => {
            const d = summary[key] as ir.DurationStats;
            return h(
              "tr",
              {},
              h("th", { scope: "row" }, label, d.low_confidence ? h("span", { class: "badge low", title: "too few incidents: low confidence" }, "low confidence") : null),
              figure(`${key}.n`, d.n, d.n),
              figure(`${key}.mean_secs`, d.mean_secs, duration(d.mean_secs)),
              figure(`${key}.median_secs`, d.median_secs, duration(d.median_secs)),
              figure(`${key}.p90_secs`, d.p90_secs, duration(d.p90_secs)),
            );
          }),
        ),
      ),
      h(
        "table",
        {},
        h("caption", {}, "Rollbacks (", ruleLink("ME-3"), "), action items (", ruleLink("ME-4"), "), releases"),
        h(
          "tbody",
          {},
          h("tr", {}, h("th", { scope: "row" }, "Rollbacks attempted"), figure("rollbacks.attempted", r.attempted, r.attempted)),
          h("tr", {}, h("th", { scope: "row" }, "… succeeded"), figure("rollbacks.succeeded", r.succeeded, r.succeeded)),
          h("tr", {}, h("th", { scope: "row" }, "… outcome unknown"), figure("rollbacks.outcome_unknown", r.outcome_unknown, r.outcome_unknown)),
          h("tr", {}, h("th", { scope: "row" }, "Rollback success rate"), figure("rollbacks.success_rate", r.success_rate, percent(r.success_rate))),
          h("tr", {}, h("th", { scope: "row" }, "Mean rollback time"), figure("rollbacks.mean_secs", r.mean_secs, duration(r.mean_secs))),
          h("tr", {}, h("th", { scope: "row" }, "Open action items"), figure("open_action_items", summary.open_action_items, summary.open_action_items)),
          h("tr", {}, h("th", { scope: "row" }, "Releases"), figure("releases", summary.releases, summary.releases)),
          h("tr", {}, h("th", { scope: "row" }, "Releases that caused an incident"), figure("failed_releases", summary.failed_releases, summary.failed_releases)),
          h(
            "tr",
            {},
            h("th", { scope: "row" }, "Change failure rate ", h("span", { class: "muted" }, "(DORA, beyond the standard)")),
            figure("change_failure_rate", summary.change_failure_rate, percent(summary.change_failure_rate)),
          ),
        ),
      ),
      h(
        "table",
        { class: "goals" },
        h("caption", {}, "Goals (", ruleLink("ME-6"), ")"),
        h(
          "tbody",
          {},
          h(
            "tr",
            {},
            h("th", { scope: "row" }, "Zero P1 incidents"),
            h("td", { "data-figure": "goals.zero_p1", "data-value": JSON.stringify(g.zero_p1), "data-testid": "goal-zero-p1" }, status(g.zero_p1)),
            figure("goals.p1_incidents", g.p1_incidents, `${g.p1_incidents} P1`),
          ),
          h(
            "tr",
            {},
            h("th", { scope: "row" }, `P2 MTTR under ${duration(g.p2_mttr_goal_secs)}`),
            h("td", { "data-figure": "goals.p2_mttr", "data-value": JSON.stringify(g.p2_mttr), "data-testid": "goal-p2-mttr" }, status(g.p2_mttr)),
            figure("goals.p2_mttr_ms", g.p2_mttr_ms, g.p2_mttr_ms === null ? "no P2 resolved" : duration(Math.floor(g.p2_mttr_ms / 1000))),
          ),
        ),
      ),
    ),
    summary.change_failure_note ? h("p", { class: "note" }, summary.change_failure_note) : null,
  );
}

function isMonth(value: Json): value is ir.MonthOfIncidents {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return false;
  }
  const record = value as Record<string, unknown>;
  return typeof record["month"] === "string" && "releases" in record;
}

/** The month most incidents were detected in, `YYYY-MM`. */
function likelyMonth(incidents: Json[]): string {
  const tally = new Map<string, number>();
  for (const incident of incidents) {
    const at = (incident as Record<string, unknown> | null)?.["detected_at"];
    if (typeof at === "string" && /^\d{4}-\d{2}/.test(at)) {
      tally.set(at.slice(0, 7), (tally.get(at.slice(0, 7)) ?? 0) + 1);
    }
  }
  let best: string | null = null;
  for (const [month, n] of tally) {
    if (best === null || n > (tally.get(best) ?? 0)) {
      best = month;
    }
  }
  return best ?? new Date().toISOString().slice(0, 7);
}

/** The distinct releases the incidents name. */
function namedReleases(incidents: Json[]): number {
  const names = new Set<string>();
  for (const incident of incidents) {
    const release = (incident as Record<string, unknown> | null)?.["release"];
    if (typeof release === "string") {
      names.add(release);
    }
  }
  return names.size;
}

let incidents: Json[] = [];

function renderIncidents(): void {
  const month = byId<HTMLInputElement>("month-month").value.trim();
  const raw = byId<HTMLInputElement>("month-releases").value.trim();
  const releases = raw === "" ? Number.NaN : Number(raw);
  try {
    if (!Number.isInteger(releases) || releases < 0) {
      throw Object.assign(new Error("releases must be a whole number, 0 or more"), {
        name: "IncidentResponseError",
        kind: "invalid_input",
        path: "releases",
        reason: "releases must be a whole number, 0 or more",
      });
    }
    fill("month-result", summaryView(ir.summarizeMonth(month, incidents as ir.Incident[], releases)));
  } catch (error) {
    fill("month-result", refusal(error, "month-refusal"));
  }
}

function renderMonths(months: Json[]): void {
  let trends: ir.Trends;
  try {
    trends = ir.trends(months as ir.MonthOfIncidents[]);
  } catch (error) {
    fill("month-result", refusal(error, "month-refusal"));
    return;
  }
  const summaries = (months as ir.MonthOfIncidents[]).map((m): Child => {
    try {
      return h("details", { class: "month-details" }, h("summary", {}, `${m.month}: ${count((m.incidents ?? []).length, "incident")}, ${count(m.releases, "release")}`), summaryView(ir.summarizeMonth(m.month, m.incidents ?? [], m.releases)));
    } catch (error) {
      return refusal(error, "month-refusal");
    }
  });
  fill(
    "month-result",
    h(
      "section",
      { "data-testid": "trends", "aria-labelledby": "trends-title" },
      h("h3", { id: "trends-title" }, "Trends (", ruleLink("ME-5"), `) over ${trends.months.length} months`),
      h("p", { class: "muted" }, "Filled points are figures resting on enough incidents; hollow points rest on too few (low confidence)."),
      h("div", { class: "charts" }, trends.lines.map((line) => chart(line, trends.months))),
      h(
        "table",
        { class: "trends-table", "data-testid": "trends-table" },
        h("caption", {}, "The same figures, as a table"),
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "figure"), trends.months.map((m) => h("th", { scope: "col" }, m)), h("th", { scope: "col" }, "direction"))),
        h(
          "tbody",
          {},
          trends.lines.map((line) =>
            h(
              "tr",
              { "data-figure": line.figure },
              h("th", { scope: "row" }, figureLabel(line.figure)),
              line.values.map((v, i) =>
                h(
                  "td",
                  { "data-trend": line.figure, "data-month": trends.months[i], "data-value": JSON.stringify(v), class: line.low_confidence[i] ? "low" : null },
                  v === null ? "—" : line.figure === "mttr" || line.figure === "detection_to_resolution" ? duration(v) : String(v),
                ),
              ),
              h("td", { "data-direction": line.direction }, words(line.direction)),
            ),
          ),
        ),
      ),
      h("h3", {}, "Each month"),
      summaries,
    ),
  );
  const first = byId("month-result").querySelector("details");
  first?.setAttribute("open", "");
}

/** Read a document: months, or incidents, or one of either. */
export function load(text: string, name: string): void {
  byId("month-incidents-form").hidden = true;
  let data: Json;
  try {
    data = JSON.parse(text);
  } catch (error) {
    fill("month-source", `${name}: `);
    fill("month-result", h("div", { class: "refusal", role: "alert", "data-testid": "month-refusal" }, h("strong", {}, "Not JSON: "), String((error as Error).message)));
    return;
  }
  const list = Array.isArray(data) ? data : [data];
  if (list.length > 0 && list.every(isMonth)) {
    byId("month-source").dataset["kind"] = "months";
    fill("month-source", `${name}: ${count(list.length, "month")}`);
    renderMonths(list);
    return;
  }
  incidents = list;
  byId("month-source").dataset["kind"] = "incidents";
  fill("month-source", `${name}: ${count(list.length, "incident")}`);
  byId<HTMLInputElement>("month-month").value = likelyMonth(list);
  byId<HTMLInputElement>("month-releases").value = String(namedReleases(list));
  byId("month-incidents-form").hidden = false;
  renderIncidents();
}

async function readFile(file: File | undefined): Promise<void> {
  if (file !== undefined) {
    load(await file.text(), file.name);
  }
}

export function setup(): void {
  const input = byId<HTMLInputElement>("month-file");
  input.addEventListener("change", () => void readFile(input.files?.[0]));
  const drop = byId("month-drop");
  drop.addEventListener("dragover", (event) => {
    event.preventDefault();
    drop.classList.add("over");
  });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    drop.classList.remove("over");
    void readFile(event.dataTransfer?.files[0]);
  });
  // A sample replaces the file chosen: the input no longer names it.
  byId("month-sample").addEventListener("click", () => (input.value = "", load(JSON.stringify(ir.example("months")), "the sample months")));
  byId("month-sample-incidents").addEventListener("click", () => {
    input.value = "";
    const months = ir.example("months") as unknown as ir.MonthOfIncidents[];
    load(JSON.stringify(months.flatMap((m) => m.incidents ?? [])), "the sample incidents");
  });
  const form = byId<HTMLFormElement>("month-incidents-form");
  form.addEventListener("input", renderIncidents);
  form.addEventListener("submit", (event) => event.preventDefault());
}
