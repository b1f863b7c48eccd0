import { ROLE_LABELS, type Role } from '@fengqiao/shared';
import { useMemo } from 'react';
import { Chart } from '../../../app/components/Chart';
import { useI18n } from '../../../app/i18n/I18nProvider';

export function UsersByRoleChart({ data }: { data: readonly { role: Role; count: number }[] }) {
  const { t, lang } = useI18n();
  const rows = useMemo(() => data.filter((r) => r.count > 0).sort((a, b) => a.count - b.count), [data]);
  const labels = rows.map((r) => ROLE_LABELS[r.role][lang]);
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: labels },
      series: [
        {
          type: 'bar',
          name: t('home.usersByRole'),
          data: rows.map((r) => r.count),
          itemStyle: { color: '#1d5fd1', borderRadius: [0, 4, 4, 0] },
          label: { show: true, position: 'right' },
          barMaxWidth: 22,
        },
      ],
    }),
    [rows, labels, t],
  );
  const summary = rows.map((r, i) => `${labels[i]} ${r.count}`).join('，');
  return (
    <Chart
      option={option}
      height={Math.max(200, rows.length * 34 + 24)}
      ariaLabel={`${t('home.usersByRole')}：${summary}`}
      data-testid="chart-users-by-role"
    />
  );
}
