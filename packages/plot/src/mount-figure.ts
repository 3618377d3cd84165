import * as vega from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import { toVega } from './render-svg.js';

/**
 * Shows a figure in a web page: vega's SVG renderer in `container`, with hover and the rules' tooltips (the
 * browser's own title tooltips), interactive as the spec says. Returns the view; call `view.finalize()` to remove it.
 */
export async function mountFigure(container: HTMLElement, spec: TopLevelSpec): Promise<vega.View> {
  const view = new vega.View(vega.parse(toVega(spec)), { renderer: 'svg', container, hover: true });
  await view.runAsync();
  return view;
}
