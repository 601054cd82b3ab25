// The failure drill second by second: answers by outcome, stacked, with the Redis outage shaded.
// A good service shows green turn amber (fail closed, 503) while Redis is down and green again
// within seconds of it coming back, and never red.
import type { DrillResult } from '../../run-folder/types.ts';
import type { Chart } from './render-svg.ts';
import { bottomAxisName, COLORS, GRID, LEGEND_TOP, valueAxis } from './style.ts';

const OUTCOMES = [
  { key: 'ok', name: 'right answers', color: COLORS.ok },
  { key: 'failClosed', name: 'fail closed (503)', color: COLORS.failClosed },
  { key: 'wrong', name: 'wrong answers', color: COLORS.wrong },
  { key: 'other', name: 'other', color: COLORS.other },
] as const;

export function drillTimeline(drill: DrillResult): Chart {
  const downS = drill.redisDownAt / 1000;
  const upS = drill.redisUpAt / 1000;
  const seconds = drill.timeline.map((second) => Math.round(second.t - downS));
  const categories = seconds.map(String);
  const nearest = (relativeS: number) => {
    let best = 0;
    for (let index = 0; index < seconds.length; index++) {
      if (Math.abs((seconds[index] ?? 0) - relativeS) < Math.abs((seconds[best] ?? 0) - relativeS))
        best = index;
    }
    return categories[best];
  };
  const present = OUTCOMES.filter(
    (outcome) => outcome.key !== 'other' || drill.timeline.some((second) => (second.other ?? 0) > 0),
  );
  const series = present.map((outcome, index) => ({
    type: 'bar',
    name: outcome.name,
    stack: 'answers',
    barCategoryGap: '10%',
    color: outcome.color,
    itemStyle: { color: outcome.color },
    data: drill.timeline.map((second) => second[outcome.key] ?? 0),
    ...(index === 0
      ? {
          markArea: {
            silent: true,
            itemStyle: { color: COLORS.outage },
            label: { show: true, position: 'insideTop', color: '#a33', formatter: 'Redis down' },
            data: [[{ xAxis: nearest(0) }, { xAxis: nearest(upS - downS) }]],
          },
        }
      : {}),
  }));
  return {
    id: `drill-${drill.variant}`,
    title: `Failure drill (${drill.variant}): answers per second`,
    caption:
      `Redis stopped with ${drill.variant.toUpperCase()} at 0 s and kept down ${drill.downS} s (shaded); ` +
      `${drill.users} users kept running.`,
    width: 900,
    height: 320,
    option: {
      grid: { ...GRID, top: 56 },
      legend: LEGEND_TOP,
      xAxis: {
        type: 'category',
        data: categories,
        ...bottomAxisName('seconds since Redis was stopped'),
        axisLabel: { interval: 'auto' },
      },
      yAxis: valueAxis('answers/s', { min: 0 }),
      series,
    } as Chart['option'],
  };
}
