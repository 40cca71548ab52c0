import { compile, type TopLevelSpec } from 'vega-lite';
import { parse, View } from 'vega';

/** One point of the soak's chart: `series` of `panel` at `minute`. */
export interface ChartPoint {
  readonly minute: number;
  readonly panel: string;
  readonly series: string;
  readonly value: number;
}

/**
 * The soak's figures as an SVG, rendered headless by vega-lite and vega: one panel per measure
 * (each with its own scale), one line per process, queue or consumer. A leak is a line that
 * keeps rising.
 */
export async function renderSoakChart(
  points: readonly ChartPoint[],
  title: string,
): Promise<string> {
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    data: { values: points.map((point) => ({ ...point })) },
    facet: {
      row: {
        field: 'panel',
        type: 'nominal',
        title: null,
        header: { labelAngle: 0, labelAlign: 'left', labelFontSize: 12 },
      },
    },
    spec: {
      width: 720,
      height: 140,
      mark: { type: 'line', point: false },
      encoding: {
        x: { field: 'minute', type: 'quantitative', title: 'minutes' },
        y: { field: 'value', type: 'quantitative', title: null },
        color: { field: 'series', type: 'nominal', title: 'series' },
      },
    },
    resolve: { scale: { y: 'independent' } },
  };
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}
