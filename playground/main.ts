// The playground: every answer is the package's, computed in the page.

import * as ir from "@incident-response/core";
import * as decision from "./decision.js";
import { byId, fill } from "./dom.js";
import * as month from "./month.js";
import * as rules from "./rules.js";
import * as signals from "./signals.js";

const VIEWS = ["decision", "signals", "rules", "month"] as const;
type View = (typeof VIEWS)[number];

/** Show the view the address names: a view, or an element inside one. */
function route(): void {
  const target = decodeURIComponent(location.hash.slice(1));
  let view: View = "decision";
  let element: HTMLElement | null = null;
  if ((VIEWS as readonly string[]).includes(target)) {
    view = target as View;
  } else if (target !== "") {
    element = document.getElementById(target);
    const section = element?.closest<HTMLElement>("section.view");
    if (section) {
      view = section.id as View;
    }
  }
  for (const name of VIEWS) {
    byId(name).hidden = name !== view;
    const link = document.querySelector(`nav a[href="#${name}"]`);
    if (name === view) {
      link?.setAttribute("aria-current", "page");
    } else {
      link?.removeAttribute("aria-current");
    }
  }
  document.body.dataset["view"] = view;
  if (element !== null) {
    element.scrollIntoView({ block: "start" });
    element.focus({ preventScroll: true });
  } else {
    window.scrollTo(0, 0);
  }
}

function go(view: View): void {
  if (location.hash === `#${view}`) {
    route();
  } else {
    location.hash = view;
  }
}

async function main(): Promise<void> {
  fill("version", ir.VERSION);
  fill("standard-name", ir.STANDARD_NAME);
  decision.setup();
  signals.setup((severity, dataLoss) => {
    decision.show(dataLoss ? { severity, data_loss: true } : { severity });
    go("decision");
  });
  rules.renderTable((context) => {
    decision.show(context);
    go("decision");
  });
  rules.renderCatalogue(null, null);
  month.setup();
  window.addEventListener("hashchange", route);
  route();
  try {
    rules.renderCatalogue(await rules.loadTraceability(), null);
  } catch (error) {
    rules.renderCatalogue(null, `the traceability could not be read (${String(error)})`);
  }
  // Rendering the catalogue again replaced a rule the address may name.
  if (location.hash.startsWith("#rule-")) {
    route();
  }
  document.body.dataset["ready"] = "true";
}

main().catch((error: unknown) => {
  fill("fatal", `The playground could not start: ${String(error)}`).hidden = false;
  throw error;
});
