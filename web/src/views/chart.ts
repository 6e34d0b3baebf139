// A bar chart of clients per group with uPlot (small, canvas-based); loaded only by the analysts' view.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** `valueLabel`: the y axis's name in the user's language; `locale` formats its numbers (fi: 1 000). */
export function barChart(
  into: HTMLElement,
  labels: string[],
  values: number[],
  { valueLabel, locale }: { valueLabel: string; locale: string },
): uPlot {
  const number = new Intl.NumberFormat(locale);
  const bars = uPlot.paths.bars?.({ size: [0.6, 60] });
  return new uPlot(
    {
      width: Math.min(into.clientWidth || 640, 800),
      height: 240,
      legend: { show: false },
      scales: { x: { time: false } },
      axes: [
        { values: (_u, ticks) => ticks.map((i) => labels[i] ?? '') },
        { label: valueLabel, values: (_u, ticks) => ticks.map((v) => number.format(v)) },
      ],
      series: [{}, { label: valueLabel, fill: '#1f5fa8', stroke: '#1f5fa8', paths: bars, points: { show: false } }],
    },
    [labels.map((_, i) => i), values],
    into,
  );
}
