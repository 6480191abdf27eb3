import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import type { ChartOption, MountedChart } from './echarts-setup';

/**
 * A chart drawn by ECharts, which is fetched only when the first chart is shown. The chart is an image
 * named by its text summary (role="img"); the figures are in the table that goes with every chart.
 */
export function EChart({ option, label, height }: { option: ChartOption; label: string; height: number }) {
  const { t } = useI18n();
  const element = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');

  useEffect(() => {
    const target = element.current;
    if (!target) return;
    let disposed = false;
    let chart: MountedChart | null = null;
    let observer: ResizeObserver | null = null;
    import('./echarts-setup').then(
      ({ mountChart }) => {
        if (disposed) return;
        chart = mountChart(target, option);
        observer = new ResizeObserver(() => chart?.resize());
        observer.observe(target);
        setState('ready');
      },
      () => {
        if (!disposed) setState('failed');
      },
    );
    return () => {
      disposed = true;
      observer?.disconnect();
      chart?.dispose();
    };
  }, [option]);

  return (
    <div className="echart-frame">
      <div
        ref={element}
        className="echart"
        role="img"
        aria-label={label}
        data-chart-state={state}
        style={{ height: `${height}px` }}
      />
      {state === 'failed' && <p className="muted">{t('chart.failed')}</p>}
    </div>
  );
}
