// Small helpers for building the page: elements from data, never from HTML
// text, so that nothing read from a file can become markup.

export type Child = Node | string | number | null | undefined | false | Child[];
export type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

/** An element: `h("a", { href: "#x" }, "text")`. Attributes starting with
 * `on` are listeners; `false`, `null` and `undefined` attributes are left out. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) {
      continue;
    }
    if (typeof value === "function") {
      element.addEventListener(name.slice(2), value);
    } else {
      element.setAttribute(name, value === true ? "" : String(value));
    }
  }
  append(element, children);
  return element;
}

const SVG_NS = "http://www.w3.org/2000/svg";

/** An SVG element, as `h` for HTML. */
export function s(tag: string, attrs: Record<string, string | number | null | undefined> = {}, ...children: Child[]): SVGElement {
  const element = document.createElementNS(SVG_NS, tag) as SVGElement;
  for (const [name, value] of Object.entries(attrs)) {
    if (value !== null && value !== undefined) {
      element.setAttribute(name, String(value));
    }
  }
  append(element, children);
  return element;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      append(parent, child);
    } else if (child instanceof Node) {
      parent.appendChild(child);
    } else {
      parent.appendChild(document.createTextNode(String(child)));
    }
  }
}

/** Replace the children of the element with the given id. */
export function fill(id: string, ...children: Child[]): HTMLElement {
  const element = byId(id);
  element.replaceChildren();
  append(element, children);
  return element;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (element === null) {
    throw new Error(`the page has no element #${id}`);
  }
  return element as T;
}

/** Text with `code` spans, as the catalogue writes them. */
export function prose(text: string): Child[] {
  return text.split("`").map((part, i) => (i % 2 === 1 ? h("code", {}, part) : part));
}

/** A link to a rule's entry in the catalogue. */
export function ruleLink(id: string): HTMLAnchorElement {
  return h("a", { href: `#rule-${id}`, class: "rule-id", "data-rule": id }, id);
}

/** Seconds as people read them: `4 min 12 s`, `1 h 18 min`. */
export function duration(secs: number | null | undefined): string {
  if (secs === null || secs === undefined) {
    return "—";
  }
  if (secs < 60) {
    return `${secs} s`;
  }
  if (secs < 3600) {
    const m = Math.floor(secs / 60);
    const rest = secs % 60;
    return rest === 0 ? `${m} min` : `${m} min ${rest} s`;
  }
  if (secs < 86400) {
    const hours = Math.floor(secs / 3600);
    const m = Math.floor((secs % 3600) / 60);
    return m === 0 ? `${hours} h` : `${hours} h ${m} min`;
  }
  const days = Math.floor(secs / 86400);
  const hours = Math.floor((secs % 86400) / 3600);
  return hours === 0 ? `${days} d` : `${days} d ${hours} h`;
}

/** Minutes as people read them: `45 min`, `4 h`, `1 d`. */
export function minutes(value: number | null | undefined): string {
  return value === null || value === undefined ? "none" : duration(value * 60);
}

export function percent(value: number | null | undefined): string {
  if (value === null || value === undefined) {
    return "—";
  }
  return `${(value * 100).toLocaleString("en", { maximumFractionDigits: 1 })} %`;
}

/** `forward_fix` → `forward fix`. */
export function words(value: string): string {
  return value.replaceAll("_", " ");
}

/** The standard's capitals for an outcome: `FORWARD FIX`. */
export function outcomeLabel(outcome: string): string {
  return words(outcome).toUpperCase();
}

/** The refusal of the package, shown where the answer would be. */
export function refusal(error: unknown, testid: string): HTMLElement {
  const e = error as { name?: string; kind?: string; path?: string | null; reason?: string; message?: string; rule?: string | null };
  if (e?.name !== "IncidentResponseError") {
    return h("div", { class: "refusal", role: "alert", "data-testid": testid }, h("strong", {}, "Unexpected error: "), String(error));
  }
  return h(
    "div",
    { class: "refusal", role: "alert", "data-testid": testid, "data-kind": e.kind, "data-path": e.path ?? "" },
    h("strong", {}, "Refused"),
    ` (${words(e.kind ?? "")})`,
    e.path ? [" at ", h("code", { "data-testid": `${testid}-path` }, e.path)] : " (the document as a whole)",
    ": ",
    h("span", { "data-testid": `${testid}-message` }, e.reason ?? e.message ?? ""),
    e.rule ? [" — needed by ", ruleLink(e.rule)] : null,
  );
}
