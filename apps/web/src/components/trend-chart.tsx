import { LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

use([LineChart, GridComponent, TooltipComponent, CanvasRenderer]);

/** Overdue obligations at the end of each day, as a line; the label tells screen readers the gist. */
export function TrendChart(props: { points: { date: string; overdue: number }[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = init(ref.current);
    chart.setOption({
      grid: { left: 40, right: 16, top: 16, bottom: 32 },
      tooltip: { trigger: 'axis', formatter: '{b}<br/>逾期事项：{c} 项' },
      xAxis: { type: 'category', data: props.points.map((p) => p.date) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { type: 'line', name: '逾期事项', data: props.points.map((p) => p.overdue), color: '#cf1322' },
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [props.points]);
  const last = props.points.at(-1);
  return (
    <div
      ref={ref}
      role="img"
      aria-label={`逾期事项趋势图，最近一天（${last?.date ?? '—'}）逾期 ${last?.overdue ?? 0} 项`}
      style={{ width: '100%', height: 260 }}
    />
  );
}
