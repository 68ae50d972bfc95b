// A wide table or formula scrolls sideways on a narrow screen. Keyboard users must be able to
// scroll it too, so the region takes focus and has a name (axe: scrollable-region-focusable).
import { type Child, h } from "./dom.ts";

export function scrollRegion(label: string, ...children: Child[]): HTMLElement {
  return h(
    "div",
    { class: "table-scroll", tabindex: 0, role: "region", "aria-label": label },
    children,
  );
}
