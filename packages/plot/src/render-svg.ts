import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** Compiles a vega-lite spec to a vega spec (throws on an invalid spec). */
export function toVega(spec: TopLevelSpec): vega.Spec {
  return compile(spec).spec;
}

/** Renders a figure to SVG with vega's headless view (no canvas, no browser needed; works in one too). */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(toVega(spec)), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
