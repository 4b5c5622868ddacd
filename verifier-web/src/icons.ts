import type { CheckStatus } from "@credanchor/core/protocol";

const PATHS: Record<CheckStatus, string> = {
  VALID: "M5 12.5l4.5 4.5L19 7.5",
  INVALID: "M6.5 6.5l11 11M17.5 6.5l-11 11",
  ERROR: "M12 6.5v7M12 17v.5",
  SKIPPED: "M7 12h10",
};

/**
 * A status icon. Colour alone never carries the verdict (WCAG 1.4.1): each status has its own shape, and the icon
 * is decorative next to the status written out in words.
 */
export function statusIcon(status: CheckStatus, className: string): SVGSVGElement {
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  svg.setAttribute("class", className);
  const path = document.createElementNS("http://www.w3.org/2000/svg", "path");
  path.setAttribute("d", PATHS[status]);
  path.setAttribute("fill", "none");
  path.setAttribute("stroke", "currentColor");
  path.setAttribute("stroke-width", "2.75");
  path.setAttribute("stroke-linecap", "round");
  path.setAttribute("stroke-linejoin", "round");
  svg.append(path);
  return svg;
}
