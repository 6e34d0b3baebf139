// A bar chart of clients per group with uPlot (small, canvas-based); loaded only by the analysts' view.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export function barChart(into: HTMLElement, labels: string[], values: number[]): uPlot {
  const bars = uPlot.paths.bars?.({ size: [0.6, 60] });
  return new uPlot(
    {
      width: Math.min(into.clientWidth || 640, 800),
      height: 240,
      legend: { show: false },
      scales: { x: { time: false } },
      axes: [{ values: (_u, ticks) => ticks.map((i) => labels[i] ?? '') }, {}],
      series: [{}, { label: 'clients', fill: '#1f5fa8', stroke: '#1f5fa8', paths: bars, points: { show: false } }],
    },
    [labels.map((_, i) => i), values],
    into,
  );
}
