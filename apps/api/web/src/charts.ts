// Line charts on uPlot (served from node_modules by the api, loaded as a global by the page).
import type UPlot from 'uplot';

declare global {
  interface Window {
    uPlot: typeof UPlot;
  }
}

const COLOURS = ['#2f6fdd', '#e67e22', '#27ae60', '#8e44ad', '#c0392b', '#16a085', '#7f8c8d'];

/** One chart in `container` whose series may change; `update` redraws it with new data. */
export class LineChart {
  private plot: UPlot | null = null;
  private names = '';

  constructor(
    private readonly container: HTMLElement,
    private readonly options: { xLabel: string; time?: boolean; height?: number },
  ) {}

  /** `x` and one array per named series (null where a series has no value at that x). */
  update(x: number[], series: { name: string; values: (number | null)[] }[]): void {
    const data = [x, ...series.map((s) => s.values)] as UPlot.AlignedData;
    const names = series.map((s) => s.name).join('\u0000');
    if (this.plot && names === this.names) {
      this.plot.setData(data);
      return;
    }
    this.plot?.destroy();
    this.names = names;
    const width = Math.max(320, this.container.clientWidth || 420);
    this.plot = new window.uPlot(
      {
        width,
        height: this.options.height ?? 200,
        scales: { x: { time: this.options.time ?? false } },
        // Series names only: the page refreshes every few seconds, hover values would not keep up.
        legend: { live: false },
        axes: [{ label: this.options.xLabel }, {}],
        series: [
          { label: this.options.xLabel },
          ...series.map((s, i) => ({
            label: s.name,
            stroke: COLOURS[i % COLOURS.length],
            width: 2,
            spanGaps: true,
            points: { size: 5 },
          })),
        ],
      },
      data,
      this.container,
    );
  }
}
