// The trends, drawn by hand: one small chart per figure, the months along
// the x axis, each value a point (hollow where it rests on too few incidents).

import type * as ir from "@incident-response/core";
import { duration, h, s, words } from "./dom.js";

export const FIGURES: Record<string, { label: string; secs: boolean; colour: string }> = {
  p1_incidents: { label: "P1 incidents", secs: false, colour: "#b3261e" },
  mttr: { label: "MTTR (mean)", secs: true, colour: "#1f5fa8" },
  detection_to_resolution: { label: "Detection → resolution (mean)", secs: true, colour: "#6b3fa0" },
  open_action_items: { label: "Open action items", secs: false, colour: "#a85b00" },
  releases: { label: "Releases", secs: false, colour: "#1b7a3d" },
};

export function figureLabel(figure: string): string {
  return FIGURES[figure]?.label ?? words(figure);
}

/** A round ceiling for the axis: 1, 2, 5, 10, 20, 50… (or minutes for durations). */
function niceMax(max: number, secs: boolean): number {
  if (max <= 0) {
    return secs ? 60 : 1;
  }
  const steps = secs ? [60, 300, 600, 900, 1800, 3600, 7200, 14400, 28800, 43200, 86400, 172800, 432000, 864000] : [];
  for (const step of steps) {
    if (step >= max) {
      return step;
    }
  }
  const power = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 5, 10]) {
    if (m * power >= max) {
      return m * power;
    }
  }
  return 10 * power;
}

const W = 320;
const H = 180;
const M = { left: 64, right: 36, top: 14, bottom: 30 };

export function chart(line: ir.TrendLine, months: string[]): HTMLElement {
  const spec = FIGURES[line.figure] ?? { label: words(line.figure), secs: false, colour: "#333" };
  const values = line.values;
  const max = niceMax(Math.max(0, ...values.map((v) => v ?? 0)), spec.secs);
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const x = (i: number) => M.left + (months.length === 1 ? plotW / 2 : (i * plotW) / (months.length - 1));
  const y = (v: number) => M.top + plotH - (v / max) * plotH;
  const format = (v: number) => (spec.secs ? duration(Math.round(v)) : v.toLocaleString("en"));

  const grid = [0, max / 2, max].map((tick) => [
    s("line", { x1: M.left, x2: W - M.right, y1: y(tick), y2: y(tick), class: "grid" }),
    s("text", { x: M.left - 6, y: y(tick) + 4, "text-anchor": "end", class: "tick" }, format(tick)),
  ]);
  const labels = months.map((month, i) =>
    s("text", { x: x(i), y: H - 10, "text-anchor": "middle", class: "tick" }, month),
  );
  // The line, broken where a month has no value.
  let d = "";
  let pen = false;
  values.forEach((v, i) => {
    if (v === null) {
      pen = false;
      return;
    }
    d += `${pen ? "L" : "M"}${x(i).toFixed(1)},${y(v).toFixed(1)} `;
    pen = true;
  });
  const points = values.map((v, i) =>
    v === null
      ? s("text", { x: x(i), y: y(0) - 6, "text-anchor": "middle", class: "no-data" }, "no data")
      : s(
          "circle",
          {
            cx: x(i),
            cy: y(v),
            r: 4.5,
            fill: line.low_confidence[i] ? "#fff" : spec.colour,
            stroke: spec.colour,
            "stroke-width": 2,
            "data-month": months[i],
            "data-value": v,
            class: "point",
          },
          s("title", {}, `${months[i]}: ${format(v)}${line.low_confidence[i] ? " (too few incidents: low confidence)" : ""}`),
        ),
  );
  const description = `${spec.label} by month: ${values.map((v, i) => `${months[i]} ${v === null ? "no data" : format(v)}`).join(", ")}; ${words(line.direction)}.`;
  const svg = s(
    "svg",
    { viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: "img", "aria-label": description, class: "chart", "data-figure": line.figure },
    s("line", { x1: M.left, x2: M.left, y1: M.top, y2: M.top + plotH, class: "axis" }),
    s("line", { x1: M.left, x2: W - M.right, y1: M.top + plotH, y2: M.top + plotH, class: "axis" }),
    grid,
    labels,
    s("path", { d: d.trim(), fill: "none", stroke: spec.colour, "stroke-width": 2.5, "stroke-linejoin": "round" }),
    points,
  );
  return h(
    "figure",
    { class: "chart-card", "data-testid": "trend-chart", "data-figure": line.figure },
    h(
      "figcaption",
      {},
      h("strong", {}, spec.label),
      " ",
      h("span", { class: `badge direction-${line.direction}` }, words(line.direction)),
      h("span", { class: "muted" }, ` ${line.better} is better`),
    ),
    svg,
  );
}
