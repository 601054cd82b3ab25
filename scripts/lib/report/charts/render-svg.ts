// Server-side rendering of an ECharts option to an SVG string: the plan report embeds charts inline,
// so it opens offline and needs no script at all.
import * as echarts from 'echarts';

export type ChartOption = echarts.EChartsOption;

export interface Chart {
  /** Stable id, used as the figure's anchor and by the browser check. */
  id: string;
  title: string;
  /** One sentence on how to read the chart. */
  caption: string;
  option: ChartOption;
  width?: number;
  height?: number;
}

export const CHART_FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

export const DEFAULT_CHART_WIDTH = 640;

export function renderSvg(chart: Chart): string {
  const width = chart.width ?? DEFAULT_CHART_WIDTH;
  const height = chart.height ?? 320;
  const instance = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    instance.setOption({
      animation: false,
      textStyle: { fontFamily: CHART_FONT, fontSize: 12, color: '#333' },
      ...chart.option,
    });
    return instance.renderToSVGString();
  } finally {
    instance.dispose();
  }
}
