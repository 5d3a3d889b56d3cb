import type { EChartsOption } from 'echarts';
import * as echarts from 'echarts';
import { useEffect, useRef } from 'react';

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
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const instance = echarts.init(el, undefined, { renderer: 'svg' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ ...option, animation: false }, { notMerge: true });
    // ECharts writes its own aria-label on the container; keep ours, which names the chart.
    ref.current?.setAttribute('aria-label', label);
  }, [option, label]);

  return <div ref={ref} role="img" aria-label={label} className="chart" data-testid={testId} style={{ height }} />;
}
