import { Card, InputNumber, Switch, Table, type TableColumnsType } from 'antd';
import { useFeedback } from '../../../app/feedback';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useQuery } from '../../../app/useQuery';
import { pointRulesApi, type PointRule } from '../volunteers.api';
import { vtext } from '../volunteers.text';

/** 积分规则: points per rule, kept as data; the bureau edits them, the station reads them. */
export function PointRulesCard({ canEdit }: { canEdit: boolean }) {
  const { lang } = useI18n();
  const { showError, showSuccess } = useFeedback();
  const rules = useQuery((signal) => pointRulesApi.list(signal), []);
  const save = (r: PointRule, next: { points: number; active: boolean }) =>
    pointRulesApi
      .update(r.code, next)
      .then(() => {
        showSuccess('common.saved');
        rules.reload();
      })
      .catch(showError);
  const columns: TableColumnsType<PointRule & { id: number }> = [
    { title: vtext(lang, 'rule'), key: 'name', render: (_: unknown, r) => (lang === 'zh' ? r.nameZh : r.nameEn) },
    {
      title: vtext(lang, 'pointsCol'),
      key: 'points',
      width: 110,
      render: (_: unknown, r) =>
        canEdit ? (
          <InputNumber
            size="small"
            min={-1000}
            max={1000}
            defaultValue={r.points}
            aria-label={`${r.nameZh} ${vtext(lang, 'pointsCol')}`}
            onBlur={(e) => {
              const v = Number(e.target.value);
              if (Number.isInteger(v) && v !== r.points) void save(r, { points: v, active: r.active });
            }}
            data-testid={`rule-points-${r.code}`}
          />
        ) : (
          r.points
        ),
    },
    {
      title: vtext(lang, 'ruleActive'),
      key: 'active',
      width: 90,
      render: (_: unknown, r) => <Switch size="small" checked={r.active} disabled={!canEdit} onChange={(active) => void save(r, { points: r.points, active })} aria-label={r.nameZh} />,
    },
  ];
  return (
    <Card title={vtext(lang, 'rules')} size="small" style={{ marginTop: 24 }}>
      <Table<PointRule & { id: number }>
        rowKey="code"
        size="small"
        columns={columns}
        dataSource={(rules.data?.items ?? []).map((r, i) => ({ ...r, id: i }))}
        loading={rules.loading}
        pagination={false}
        data-testid="point-rules"
      />
    </Card>
  );
}
