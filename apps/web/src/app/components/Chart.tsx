import { Alert, Spin } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import type { EChartsCoreOption, EChartsType } from './echarts';

interface Props {
  option: EChartsCoreOption;
  height?: number;
  /** What the chart shows, for screen readers (the canvas itself is not readable). */
  ariaLabel: string;
  'data-testid'?: string;
}

/** An ECharts canvas; the library is loaded on first use. */
export function Chart({ option, height = 300, ariaLabel, ...rest }: Props) {
  const { t } = useI18n();
  const container = useRef<HTMLDivElement>(null);
  const chartRef = useRef<EChartsType | null>(null);
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let cancelled = false;
    let observer: ResizeObserver | null = null;
    import('./echarts')
      .then(({ echarts }) => {
        if (cancelled || !container.current) return;
        const chart = echarts.init(container.current, undefined, { renderer: 'canvas' });
        chartRef.current = chart;
        if (typeof ResizeObserver !== 'undefined') {
          observer = new ResizeObserver(() => chart.resize());
          observer.observe(container.current);
        }
        setReady(true);
      })
      .catch(() => {
        if (!cancelled) setFailed(true);
      });
    return () => {
      cancelled = true;
      observer?.disconnect();
      chartRef.current?.dispose();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    if (ready) chartRef.current?.setOption(option, { notMerge: true });
  }, [ready, option]);

  if (failed) return <Alert type="warning" showIcon title={t('error.loadFailed')} />;
  return (
    <div style={{ position: 'relative' }}>
      <div ref={container} role="img" aria-label={ariaLabel} style={{ height, width: '100%' }} {...rest} />
      {!ready && (
        <div className="fq-map-loading">
          <Spin />
        </div>
      )}
    </div>
  );
}
