import type { ECharts, EChartsOption } from 'echarts';
import { useEffect, useRef, useState } from 'react';

// ECharts is the largest part of the dashboard's JavaScript; it is fetched the first time a
// chart is shown (Vite splits the dynamic import into its own chunk) and shared afterwards.
let loading: Promise<typeof import('./echarts-svg.js')> | undefined;
const loadECharts = () => {
  loading ??= import('./echarts-svg.js');
  return loading;
};

/**
 * Draws an ECharts option (from @kepu/charts) as SVG: crisp at any zoom, printable, and its
 * text is in the DOM. The option's ARIA description (the charts turn it on) becomes the
 * container's label; `label` names the chart for people who cannot see it.
 */
export function EChart({
  option,
  label,
  height = 320,
  testId,
}: {
  option: EChartsOption;
  label: string;
  height?: number;
  testId?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [chart, setChart] = useState<ECharts | null>(null);

  useEffect(() => {
    let instance: ECharts | undefined;
    let observer: ResizeObserver | undefined;
    let cancelled = false;
    void loadECharts().then(({ initSvgChart }) => {
      const el = ref.current;
      if (cancelled || !el) return;
      const created = initSvgChart(el);
      instance = created;
      observer = new ResizeObserver(() => created.resize());
      observer.observe(el);
      setChart(created);
    });
    return () => {
      cancelled = true;
      observer?.disconnect();
      instance?.dispose();
      setChart(null);
    };
  }, []);

  useEffect(() => {
    chart?.setOption({ ...option, animation: false }, { notMerge: true });
    // ECharts writes its own aria-label on the container; keep ours, which names the chart.
    ref.current?.setAttribute('aria-label', label);
  }, [chart, option, label]);

  return <div ref={ref} role="img" aria-label={label} className="chart" data-testid={testId} style={{ height }} />;
}
