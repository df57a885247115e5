/** A bar chart of usage rows; ECharts is loaded only when a chart is shown. */
import { useEffect, useRef } from 'react';

export interface Bar {
  label: string;
  value: number;
}

export default function UsageChart({ bars, title }: { bars: readonly Bar[]; title: string }) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let chart: { dispose(): void } | undefined;
    void Promise.all([import('echarts/core'), import('echarts/charts'), import('echarts/components'), import('echarts/renderers')]).then(
      ([core, charts, components, renderers]) => {
        if (disposed || !element.current) return;
        core.use([charts.BarChart, components.GridComponent, components.TooltipComponent, components.TitleComponent, renderers.CanvasRenderer]);
        const instance = core.init(element.current);
        instance.setOption({
          animation: false,
          title: { text: title, textStyle: { fontSize: 14 } },
          tooltip: {},
          grid: { left: 48, right: 16, bottom: 64 },
          xAxis: { type: 'category', data: bars.map((bar) => bar.label), axisLabel: { rotate: 20 } },
          yAxis: { type: 'value', minInterval: 1 },
          series: [{ type: 'bar', data: bars.map((bar) => bar.value) }],
        });
        chart = instance;
      },
    );
    return () => {
      disposed = true;
      chart?.dispose();
    };
  }, [bars, title]);
  return <div ref={element} role="img" aria-label={title} style={{ height: 280, width: '100%' }} />;
}
