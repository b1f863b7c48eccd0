import { Alert, Button, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { errorText, useFeedback } from '../../../app/feedback';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useQuery } from '../../../app/useQuery';
import { reviewsApi, type ReviewSummary } from '../reviews.api';
import { reviewsText, weekOf, beijing, type ReviewsTextKey } from '../reviews.text';

const pct = (r: number | null) => (r === null ? '—' : `${r > 0 ? '+' : ''}${(Math.round(r * 1000) / 10).toFixed(1)}%`);

/** 每周研判: the weeks reviewed for the units the viewer may see, newest first. */
export default function ReviewsPage() {
  const { t, lang } = useI18n();
  const tx = (key: ReviewsTextKey, p?: Record<string, string | number>) => reviewsText(lang, key, p);
  const { showError, message } = useFeedback();
  const navigate = useNavigate();
  const [unitId, setUnitId] = useState<number | undefined>(undefined);
  const [generating, setGenerating] = useState(false);
  const query = useQuery((signal) => reviewsApi.list(unitId, signal), [unitId]);
  const data = query.data;
  const target = unitId ?? (data?.units.length === 1 ? data.units[0]!.id : undefined);

  const generate = () => {
    if (target === undefined) return;
    setGenerating(true);
    reviewsApi
      .generate(target)
      .then((r) => {
        void message.success(tx('generated'));
        void navigate(`/reviews/${r.id}`);
      })
      .catch(showError)
      .finally(() => setGenerating(false));
  };

  const columns: TableColumnsType<ReviewSummary> = [
    { title: tx('week'), key: 'week', width: 190, render: (_: unknown, r) => <Link to={`/reviews/${r.id}`}>{weekOf(r.weekStart)}</Link> },
    { title: tx('unit'), dataIndex: 'jurisdictionName', key: 'unit', width: 150 },
    { title: tx('incidents'), dataIndex: 'total', key: 'total', align: 'right', width: 80 },
    { title: tx('wow'), key: 'wow', align: 'right', width: 90, render: (_: unknown, r) => pct(r.wowRatio) },
    { title: tx('yoy'), key: 'yoy', align: 'right', width: 90, render: (_: unknown, r) => pct(r.yoyRatio) },
    { title: tx('generatedAt'), key: 'at', width: 170, render: (_: unknown, r) => `${beijing(r.generatedAt)} ${r.generatedByName ?? tx('byJob')}` },
  ];

  return (
    <div data-testid="reviews">
      <div className="fq-page-head">
        <Typography.Title level={1}>{tx('title')}</Typography.Title>
      </div>
      <Typography.Paragraph type="secondary">{tx('hint')}</Typography.Paragraph>
      <div className="fq-toolbar" role="search">
        <Space wrap>
          <Select
            aria-label={tx('unit')}
            allowClear
            placeholder={tx('allUnits')}
            value={unitId}
            onChange={(v: number | undefined) => setUnitId(v)}
            options={(data?.units ?? []).map((u) => ({ value: u.id, label: u.name }))}
            style={{ minWidth: 180 }}
            data-testid="reviews-unit"
          />
          {data?.abilities.generate && (
            <Button type="primary" loading={generating} disabled={target === undefined} onClick={generate} data-testid="reviews-generate">
              {tx('generate')}
            </Button>
          )}
        </Space>
      </div>
      {query.error ? <Alert type="error" showIcon title={errorText(query.error, t)} style={{ marginBottom: 16 }} /> : null}
      <Table<ReviewSummary>
        rowKey="id"
        size="small"
        loading={query.loading}
        columns={columns}
        dataSource={data?.items ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: tx('none') }}
        data-testid="reviews-list"
      />
    </div>
  );
}
