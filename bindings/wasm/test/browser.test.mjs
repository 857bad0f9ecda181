// The playground in a real browser: Debian's Chromium driven by
// playwright-core, against playground/dist as `npm run build` writes it.
// Every figure the page shows is compared with the package's own answer,
// computed here with the Node build: nothing expected is written by hand.
//
//   npm run build && node --test test/browser.test.mjs
//
// CHROMIUM names another Chromium binary (default /usr/bin/chromium).
// Screenshots of each view go to target/playground/<view>.png.

import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { after, afterEach, before, test } from "node:test";
import { fileURLToPath } from "node:url";

import { chromium } from "playwright-core";

import { PLAYGROUND_DIST, serve } from "../scripts/serve.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "..", "..", "..");
const SHOTS = join(ROOT, "target", "playground");
const MONTHS_FILE = join(ROOT, "src", "json", "documents", "months.json");
const INCIDENT_FILE = join(ROOT, "tests", "fixtures", "incident_2026_02_16.json");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

const require = createRequire(import.meta.url);
const ir = require("../dist/node/core.js");

let server;
let browser;
let context;
let page;
let temp;
/** Console errors and page errors: any one fails the test it happened in. */
const errors = [];

before(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `no Chromium at ${CHROMIUM}: the browser test needs one (Debian: apt-get install chromium), ` +
        "or set CHROMIUM to its path; playwright-core downloads no browser",
    );
  }
  if (!existsSync(join(PLAYGROUND_DIST, "index.html"))) {
    throw new Error(`${PLAYGROUND_DIST} has no index.html: run \`npm run build\` first`);
  }
  temp = mkdtempSync(join(tmpdir(), "playground-test-"));
  mkdirSync(SHOTS, { recursive: true });
  server = await serve(PLAYGROUND_DIST);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.on("console", (message) => {
    if (message.type() === "error") {
      errors.push(`console: ${message.text()}`);
    }
  });
  page.on("pageerror", (error) => errors.push(`page error: ${error.message}`));
  page.on("requestfailed", (request) => errors.push(`request failed: ${request.url()} ${request.failure()?.errorText}`));
  await page.goto(server.url);
  await page.waitForSelector("body[data-ready=true]");
});

afterEach(() => {
  const seen = errors.splice(0);
  assert.deepEqual(seen, [], "the page logged errors");
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (temp) {
    rmSync(temp, { recursive: true, force: true });
  }
});

// ---------------------------------------------------------------- helpers

async function view(name) {
  await page.click(`[data-testid=nav-${name}]`);
  await page.waitForSelector(`section#${name}:not([hidden])`);
}

/** State exactly this incident context in the form, as a person would. */
async function setContext(ctx) {
  await page.selectOption("#ctx-severity", ctx.severity);
  await page.selectOption("#ctx-data-loss", ctx.data_loss === undefined || ctx.data_loss === null ? "" : String(ctx.data_loss));
  await page.selectOption("#ctx-cause", ctx.cause ? ctx.cause.kind : "");
  if (ctx.cause?.kind === "deployment") {
    await page.selectOption("#ctx-revert", ctx.cause.revert);
  }
  const backup = ctx.backup_restore_minutes;
  await page.selectOption("#ctx-backup", backup === undefined ? "" : backup === null ? "null" : "minutes");
  if (typeof backup === "number") {
    await page.fill("#ctx-backup-minutes", String(backup));
  }
  const fix = ctx.fix;
  await page.selectOption("#ctx-fix", fix === undefined ? "" : fix === null ? "null" : "fix");
  if (fix) {
    await page.setChecked("#ctx-fix-ready", fix.ready);
    await page.setChecked("#ctx-fix-safe", fix.simple_and_safe);
    await page.setChecked("#ctx-fix-hot", fix.hot_reload === true);
    await page.fill("#ctx-fix-minutes", String(fix.estimated_deploy_minutes));
  }
}

/** What the decision view shows. */
function shownDecision() {
  return page.evaluate(() => ({
    context: JSON.parse(document.getElementById("ctx-json").textContent),
    outcome: document.getElementById("outcome").dataset.outcome,
    outcomeText: document.getElementById("outcome").textContent,
    nextAction: document.getElementById("next-action").textContent,
    severity: document.getElementById("decision-severity").textContent,
    decidingRule: document.getElementById("deciding-rule").dataset.rule,
    steps: [...document.querySelectorAll("[data-testid=path-step]")].map((li) => ({
      id: li.dataset.stepId,
      answer: li.dataset.answer,
      href: li.querySelector("a.rule-id").getAttribute("href"),
      quote: li.querySelector("blockquote").textContent,
    })),
    counterfactuals: [...document.querySelectorAll("[data-testid=counterfactual]")].map((b) => ({
      outcome: b.dataset.outcome,
      field: b.dataset.field,
    })),
    refused: !document.getElementById("decision-refusal").firstChild ? null : document.getElementById("decision-refusal").textContent,
    resultHidden: document.getElementById("decision-result").hidden,
  }));
}

/** The figures a summary shows, by path: `mttr.mean_secs` → its raw value. */
function shownFigures(selector) {
  return page.$eval(selector, (root) =>
    Object.fromEntries([...root.querySelectorAll("[data-figure]")].map((cell) => [cell.dataset.figure, JSON.parse(cell.dataset.value)])),
  );
}

function at(object, path) {
  return path.split(".").reduce((value, key) => value?.[key], object);
}

/** Every figure shown is the library's, and the main ones are shown. */
function assertFigures(shown, summary, where) {
  for (const path of ["incidents.P1", "incidents.P2", "mttr.mean_secs", "mttd.mean_secs", "detection_to_resolution.mean_secs", "rollbacks.attempted", "open_action_items", "releases", "change_failure_rate", "goals.zero_p1", "goals.p2_mttr"]) {
    assert.ok(path in shown, `${where}: ${path} is shown`);
  }
  for (const [path, value] of Object.entries(shown)) {
    assert.deepEqual(value, at(summary, path), `${where}: ${path}`);
  }
}

// ---------------------------------------------------------------- the tests

test("the header names the package's version and standard", async () => {
  assert.equal(await page.textContent("[data-testid=version]"), ir.VERSION);
  assert.equal(await page.textContent("[data-testid=standard-name]"), ir.STANDARD_NAME);
  assert.equal(await page.getAttribute("[data-testid=nav-decision]", "aria-current"), "page");
});

test("decision: the form decides live, step by step, as the library does", async () => {
  await view("decision");
  const ctx = { severity: "P1", cause: { kind: "deployment", revert: "simple" } };
  await setContext(ctx);
  const expected = ir.decide(ctx);
  const shown = await shownDecision();
  assert.deepEqual(shown.context, ctx, "the form states exactly the context");
  assert.equal(shown.outcome, "rollback");
  assert.equal(shown.outcome, expected.outcome);
  assert.equal(shown.outcomeText, "ROLLBACK");
  assert.equal(shown.decidingRule, expected.deciding_rule);
  assert.equal(shown.decidingRule, "DT-1");
  assert.equal(shown.nextAction, expected.next_action);
  assert.equal(shown.severity, expected.severity);
  assert.deepEqual(
    shown.steps.map((s) => s.id),
    expected.path.map((s) => s.id),
  );
  assert.deepEqual(
    shown.steps.map((s) => s.answer),
    expected.path.map((s) => s.answer),
  );
  for (const [i, step] of shown.steps.entries()) {
    assert.equal(step.href, `#rule-${step.id}`);
    assert.equal(step.quote, `“${expected.path[i].quote}”`, "the standard's words, quoted");
  }
  assert.deepEqual(shown.counterfactuals, expected.counterfactuals.map((c) => ({ outcome: c.outcome, field: c.change.field })));
  assert.equal(await page.textContent("[data-testid=decision-text]"), String(expected));

  // A step's rule is a link to its entry in the catalogue.
  await page.click("[data-testid=path-step][data-step-id=DT-H] a.rule-id");
  await page.waitForSelector("section#rules:not([hidden])");
  assert.equal(new URL(page.url()).hash, "#rule-DT-H");
  assert.ok(await page.isVisible("#rule-DT-H"));
  const box = await page.locator("#rule-DT-H").boundingBox();
  assert.ok(box !== null && box.y >= 0 && box.y < 900, "the rule's entry is scrolled into view");
  await page.goBack();
  await page.waitForSelector("section#decision:not([hidden])");
});

test("decision: every counterfactual button flips the outcome as it says", async () => {
  await view("decision");
  const bases = [
    { severity: "P2" },
    { severity: "P1", cause: { kind: "database_migration" }, backup_restore_minutes: 45 },
    { severity: "P3", fix: { ready: true, estimated_deploy_minutes: 10, simple_and_safe: true, hot_reload: false } },
    { severity: "P2", data_loss: true, cause: { kind: "deployment", revert: "complex" }, backup_restore_minutes: null },
  ];
  let clicked = 0;
  for (const base of bases) {
    const before = ir.decide(base);
    assert.ok(before.counterfactuals.length > 0, `${JSON.stringify(base)} has counterfactuals`);
    for (const [i, cf] of before.counterfactuals.entries()) {
      await setContext(base);
      const shown = await shownDecision();
      assert.equal(shown.outcome, before.outcome, JSON.stringify(base));
      await page.locator("[data-testid=counterfactual]").nth(i).click();
      const after = await shownDecision();
      const what = `${JSON.stringify(base)} with ${JSON.stringify(cf.change)}: the form says ${JSON.stringify(after.context)}`;
      assert.notEqual(after.outcome, before.outcome, `the outcome flips: ${what}`);
      assert.equal(after.outcome, cf.outcome, what);
      // The form now states the change, and the library agrees on it.
      assert.equal(ir.decide(after.context).outcome, cf.outcome);
      clicked += 1;
    }
  }
  assert.ok(clicked >= 8);
});

test("decision: a refusal is shown inline, with its path and message, and goes away", async () => {
  await view("decision");
  await setContext({ severity: "P1" });
  await page.selectOption("#ctx-backup", "minutes");
  await page.fill("#ctx-backup-minutes", "-5");
  let thrown;
  try {
    ir.decide({ severity: "P1", backup_restore_minutes: -5 });
  } catch (error) {
    thrown = error;
  }
  assert.equal(thrown?.name, "IncidentResponseError");
  await page.waitForSelector("[data-testid=decision-refusal]");
  assert.equal(await page.textContent("[data-testid=decision-refusal-path]"), thrown.path);
  assert.equal(await page.textContent("[data-testid=decision-refusal-message]"), thrown.reason);
  assert.equal((await shownDecision()).resultHidden, true);
  await page.screenshot({ path: join(SHOTS, "decision-refusal.png"), fullPage: true });

  await page.fill("#ctx-backup-minutes", "20");
  const shown = await shownDecision();
  assert.equal(shown.refused, null);
  assert.equal(shown.outcome, ir.decide({ severity: "P1", backup_restore_minutes: 20 }).outcome);
});

async function setSignals(signals) {
  await page.click("#sig-reset");
  if (signals.error_rate !== undefined) await page.fill("#sig-error-rate", String(signals.error_rate));
  if (signals.latency_ms !== undefined) await page.fill("#sig-latency", String(signals.latency_ms));
  if (signals.feature_broken !== undefined) await page.selectOption("#sig-feature", signals.feature_broken);
  await page.setChecked("#sig-data-loss", signals.data_loss === true);
  await page.setChecked("#sig-exposed", signals.customer_data_exposed === true);
  await page.setChecked("#sig-degradation", signals.gradual_degradation === true);
}

async function assertClassified(signals) {
  const expected = ir.classify(signals);
  const shown = await page.evaluate(() => ({
    severity: document.getElementById("severity").dataset.severity,
    rules: [...document.querySelectorAll("[data-testid=matched-rule]")].map((li) => li.dataset.rule),
    plan: Object.fromEntries(
      [...document.querySelectorAll("#response-plan td")].map((td) => [td.dataset.testid.replace(/^plan-/, ""), td.dataset.value]),
    ),
  }));
  assert.equal(shown.severity, expected.severity, JSON.stringify(signals));
  assert.deepEqual(shown.rules, expected.rules.map((r) => r.id));
  for (const [field, value] of Object.entries(expected.response)) {
    if (field !== "severity") {
      assert.equal(shown.plan[field], String(value), `response.${field}`);
    }
  }
  return expected;
}

test("signals: classified live, with the rules matched and the response plan", async () => {
  await view("signals");
  await setSignals({ error_rate: 0.1 });
  const p2 = await assertClassified({ error_rate: 0.1 });
  assert.equal(p2.severity, "P2");
  assert.equal(await page.textContent("[data-testid=severity]"), "P2");
  await assertClassified((await setSignals({ latency_ms: 3000, gradual_degradation: true }), { latency_ms: 3000, gradual_degradation: true }));
  await assertClassified((await setSignals({ error_rate: 0.01, feature_broken: "critical", data_loss: true }), { error_rate: 0.01, feature_broken: "critical", data_loss: true }));
  await assertClassified((await setSignals({}), {}));

  // Out of range: refused inline.
  await setSignals({ error_rate: 1.5 });
  await page.waitForSelector("[data-testid=classify-refusal]");
  assert.equal(await page.textContent("[data-testid=classify-refusal-path]"), "error_rate");
  await setSignals({ error_rate: 0.1 });
  assert.equal(await page.isVisible("[data-testid=classify-refusal]"), false);

  // The severity taken to the decision.
  await page.click("#sig-to-decision");
  await page.waitForSelector("section#decision:not([hidden])");
  assert.equal((await shownDecision()).outcome, ir.decide({ severity: "P2" }).outcome);
  await view("signals");
});

test("rules: the decision table and the catalogue, with every rule's tests", async () => {
  await view("rules");
  const table = ir.decisionTable();
  const rows = await page.$$eval("[data-testid=table-row]", (trs) => trs.map((tr) => tr.dataset.outcome));
  assert.ok(rows.length > 0);
  assert.deepEqual(rows, table.rows.map((r) => r.outcome));

  const traceability = JSON.parse(readFileSync(join(PLAYGROUND_DIST, "traceability.json"), "utf8"));
  const shown = await page.$$eval("[data-testid=rule]", (articles) =>
    articles.map((a) => ({
      id: a.dataset.rule,
      anchor: a.id,
      quote: a.querySelector("blockquote").firstChild.textContent,
      tests: [...a.querySelectorAll("[data-testid=rule-test]")].map((li) => li.textContent),
    })),
  );
  const rules = ir.rules();
  assert.deepEqual(
    shown.map((r) => r.id),
    rules.map((r) => r.id),
  );
  for (const [i, rule] of rules.entries()) {
    assert.equal(shown[i].anchor, `rule-${rule.id}`);
    assert.equal(shown[i].quote, `“${rule.quote}”`);
    const tests = traceability[rule.id] ?? [];
    assert.ok(tests.length > 0, `${rule.id} is named by a test`);
    assert.deepEqual(shown[i].tests, tests.map((t) => `${t.file} ${t.test}`), `${rule.id}'s tests`);
  }

  // Each row of the table, decided in the decision view, gives its outcome.
  for (const [i, row] of table.rows.entries()) {
    await view("rules");
    await page.locator("[data-testid=table-try]").nth(i).click();
    await page.waitForSelector("section#decision:not([hidden])");
    const shown = await shownDecision();
    assert.equal(shown.outcome, row.outcome, `row ${i + 1}: ${JSON.stringify(row.example)}`);
    assert.equal(shown.steps.at(-1).id, row.path.at(-1).rule, `row ${i + 1} ends at its rule`);
  }
});

test("month: months.json gives the library's trends, drawn, and each month's summary", async () => {
  await view("month");
  await page.setInputFiles("#month-file", MONTHS_FILE);
  await page.waitForFunction(() => document.getElementById("month-source").textContent.startsWith("months.json"));
  await page.waitForSelector("[data-testid=trends]");
  const months = JSON.parse(readFileSync(MONTHS_FILE, "utf8"));
  const trends = ir.trends(months);
  const cells = await page.$$eval("[data-trend]", (tds) => tds.map((td) => [td.dataset.trend, td.dataset.month, JSON.parse(td.dataset.value)]));
  const expected = trends.lines.flatMap((line) => line.values.map((v, i) => [line.figure, trends.months[i], v]));
  assert.deepEqual(cells, expected);
  const charts = await page.$$eval("[data-testid=trend-chart]", (figures) =>
    figures.map((f) => ({ figure: f.dataset.figure, points: [...f.querySelectorAll("circle.point")].map((c) => Number(c.dataset.value)) })),
  );
  assert.deepEqual(
    charts,
    trends.lines.map((line) => ({ figure: line.figure, points: line.values.filter((v) => v !== null) })),
  );
  for (const m of months) {
    const shown = await shownFigures(`[data-testid=month-summary][data-month="${m.month}"]`);
    assertFigures(shown, ir.summarizeMonth(m.month, m.incidents ?? [], m.releases), m.month);
  }
  await page.screenshot({ path: join(SHOTS, "month.png"), fullPage: true });
});

test("month: an array of incidents gives the month's summary, month and releases prefilled", async () => {
  await view("month");
  const fixture = JSON.parse(readFileSync(INCIDENT_FILE, "utf8"));
  const incidents = [
    fixture,
    {
      id: "INC-2026-02-20",
      severity: "P2",
      started_at: "2026-02-20T09:58:00Z",
      detected_at: "2026-02-20T10:00:00Z",
      resolved_at: "2026-02-20T10:07:30Z",
      release: "v1.4.0",
    },
    { id: "INC-2026-02-27", severity: "P3", detected_at: "2026-02-27T15:00:00Z" },
  ];
  const file = join(temp, "incidents.json");
  writeFileSync(file, JSON.stringify(incidents));
  await page.setInputFiles("#month-file", file);
  await page.waitForFunction(() => document.getElementById("month-source").textContent.startsWith("incidents.json"));
  await page.waitForSelector("[data-testid=month-summary]");
  assert.equal(await page.inputValue("#month-month"), "2026-02");
  assert.equal(await page.inputValue("#month-releases"), "2");
  const summary = ir.summarizeMonth("2026-02", incidents, 2);
  assertFigures(await shownFigures("[data-testid=month-summary]"), summary, "incidents.json");
  assert.equal(summary.incidents.P2, 1);
  assert.equal(summary.still_open, 1);

  // The releases of the month, as the person knows them.
  await page.fill("#month-releases", "20");
  assertFigures(await shownFigures("[data-testid=month-summary]"), ir.summarizeMonth("2026-02", incidents, 20), "20 releases");
  await page.screenshot({ path: join(SHOTS, "month-incidents.png"), fullPage: true });

  // A bad month is refused inline.
  await page.fill("#month-month", "2026-13");
  await page.waitForSelector("[data-testid=month-refusal]");
  assert.equal(await page.textContent("[data-testid=month-refusal-path]"), "month");
  await page.fill("#month-month", "2026-02");
  await page.waitForSelector("[data-testid=month-summary]");

  // One incident, not in an array, is read as a month of one.
  writeFileSync(file.replace("incidents", "one"), JSON.stringify(fixture));
  await page.setInputFiles("#month-file", file.replace("incidents", "one"));
  await page.waitForFunction(() => document.getElementById("month-source").textContent.startsWith("one.json"));
  assertFigures(await shownFigures("[data-testid=month-summary]"), ir.summarizeMonth("2026-02", [fixture], 1), "one.json");
});

test("offline: once loaded, every view still works", async () => {
  await context.setOffline(true);
  try {
    await view("decision");
    await setContext({ severity: "P4" });
    assert.equal((await shownDecision()).outcome, ir.decide({ severity: "P4" }).outcome);
    await setContext({ severity: "P2", data_loss: true, cause: { kind: "database_migration" } });
    assert.equal((await shownDecision()).outcome, "hybrid");

    await view("signals");
    await setSignals({ error_rate: 1 });
    assert.equal((await assertClassified({ error_rate: 1 })).severity, "P1");

    await view("rules");
    assert.equal(await page.locator("[data-testid=rule]").count(), ir.rules().length);
    await page.click("#rule-ME-6 a.rule-id");
    assert.ok(await page.isVisible("#rule-ME-6"));

    await view("month");
    await page.click("[data-testid=month-sample]");
    await page.waitForFunction(() => document.getElementById("month-source").textContent.startsWith("the sample months"));
    const trends = ir.trends(ir.example("months"));
    const cells = await page.$$eval("[data-trend]", (tds) => tds.map((td) => JSON.parse(td.dataset.value)));
    assert.deepEqual(cells, trends.lines.flatMap((line) => line.values));
  } finally {
    await context.setOffline(false);
  }
});

test("screenshots of every view", async () => {
  await view("decision");
  await setContext(ir.example("incident-context"));
  await page.screenshot({ path: join(SHOTS, "decision.png"), fullPage: true });
  await setContext({ severity: "P2" });
  await page.screenshot({ path: join(SHOTS, "decision-counterfactuals.png"), fullPage: true });
  await view("signals");
  await page.click("#sig-example");
  await page.screenshot({ path: join(SHOTS, "signals.png"), fullPage: true });
  await view("rules");
  await page.screenshot({ path: join(SHOTS, "rules.png"), fullPage: true });
  await view("month");
  await page.click("[data-testid=month-sample]");
  await page.waitForSelector("[data-testid=trends]");
  await page.screenshot({ path: join(SHOTS, "month.png"), fullPage: true });
  for (const name of ["decision", "signals", "rules", "month"]) {
    assert.ok(existsSync(join(SHOTS, `${name}.png`)));
  }
});
