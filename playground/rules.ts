// The decision table and the rule catalogue, with each rule's tests.

import * as ir from "@incident-response/core";
import { fill, h, outcomeLabel, prose, ruleLink } from "./dom.js";

export type Traceability = Record<string, Array<{ file: string; test: string }>>;

export function renderTable(tryExample: (context: Partial<ir.IncidentContext>) => void): void {
  const table = ir.decisionTable();
  fill(
    "table-windows",
    "Windows: a backup restores in time under ",
    h("strong", {}, `${table.windows.backup_restore_minutes} min`),
    "; a fix deploys in time under ",
    h("strong", {}, `${table.windows.fix_deploy_minutes} min`),
    ".",
  );
  fill(
    "decision-table-body",
    table.rows.map((row, i) =>
      h(
        "tr",
        { "data-testid": "table-row", "data-outcome": row.outcome },
        h("td", {}, String(i + 1)),
        h(
          "td",
          {},
          h(
            "ol",
            { class: "table-path" },
            row.path.map((step) =>
              h("li", {}, ruleLink(step.rule), " ", h("strong", { class: `answer answer-${step.answer}` }, step.answer), ": ", step.when),
            ),
          ),
        ),
        h("td", {}, h("span", { class: `outcome-chip outcome-${row.outcome}` }, outcomeLabel(row.outcome))),
        h("td", {}, row.next_action),
        h(
          "td",
          {},
          h("code", { class: "example" }, JSON.stringify(row.example)),
          " ",
          h(
            "button",
            {
              type: "button",
              class: "small",
              "data-testid": "table-try",
              onclick: () => tryExample(row.example as unknown as Partial<ir.IncidentContext>),
            },
            "decide this",
          ),
        ),
      ),
    ),
  );
}

export function renderCatalogue(traceability: Traceability | null, note: string | null): void {
  const rules = ir.rules();
  const sections = new Map<string, ir.Rule[]>();
  for (const rule of rules) {
    sections.set(rule.section, [...(sections.get(rule.section) ?? []), rule]);
  }
  fill("catalogue-count", `${rules.length} rules`, note ? h("span", { class: "refusal inline" }, ` — ${note}`) : null);
  fill(
    "catalogue",
    [...sections].map(([section, list]) =>
      h(
        "section",
        { class: "catalogue-section" },
        h("h3", {}, section),
        list.map((rule) => {
          const tests = traceability?.[rule.id] ?? [];
          return h(
            "article",
            { class: "rule", id: `rule-${rule.id}`, "data-testid": "rule", "data-rule": rule.id, tabindex: "-1" },
            h("h4", {}, h("a", { href: `#rule-${rule.id}`, class: "rule-id" }, rule.id), " ", h("span", { class: "rule-section" }, rule.section)),
            h(
              "blockquote",
              { class: "quote" },
              `“${rule.quote}”`,
              rule.quoted_from !== rule.section ? h("footer", {}, `words from ${rule.quoted_from}`) : null,
            ),
            h(
              "dl",
              {},
              h("dt", {}, "As applied"),
              h("dd", {}, ...prose(rule.rule)),
              rule.interpretation ? [h("dt", {}, "Interpretation"), h("dd", { class: "interpretation" }, ...prose(rule.interpretation))] : null,
              h("dt", {}, "Applied by"),
              h("dd", {}, ...prose(rule.applied_by ?? "not applied by this version")),
              h("dt", {}, `Tests (${tests.length})`),
              h(
                "dd",
                {},
                traceability === null
                  ? h("span", { class: "muted" }, "traceability not loaded")
                  : tests.length === 0
                    ? h("span", { class: "muted" }, "none")
                    : h(
                        "ul",
                        { class: "tests", "data-testid": "rule-tests" },
                        tests.map((t) => h("li", { "data-testid": "rule-test" }, h("code", {}, t.file), " ", h("code", {}, t.test))),
                      ),
              ),
            ),
          );
        }),
      ),
    ),
  );
}

export async function loadTraceability(): Promise<Traceability> {
  const response = await fetch(new URL("traceability.json", document.baseURI));
  if (!response.ok) {
    throw new Error(`traceability.json: HTTP ${response.status}`);
  }
  return (await response.json()) as Traceability;
}
