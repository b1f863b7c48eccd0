import { Alert, Descriptions, Table, Typography } from 'antd';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { KIND_LABELS } from '../../incidents/incidents.text';
import type { Forecast, Heat, HotspotMethod, RiskCell } from '../hotspots.api';
import { day, dayTime, hotspotText, type HotspotTextKey } from '../hotspots.text';

/** What stands behind the map: method, parameters, periods and the data volume; and the feedback-loop note. */
export function ForecastSummary({ forecast, heat, methods }: { forecast: Forecast | undefined; heat: Heat | undefined; methods: readonly HotspotMethod[] }) {
  const { lang } = useI18n();
  const hx = (key: HotspotTextKey, p?: Record<string, string | number>) => hotspotText(lang, key, p);
  const method = forecast ? methods.find((m) => m.name === forecast.method) : undefined;
  const items = forecast
    ? [
        { key: 'source', label: hx('source'), children: forecast.runId ? hx('savedRun', { id: forecast.runId, who: forecast.createdBy ?? '—', at: dayTime(forecast.createdAt ?? forecast.trainEnd) }) : hx('fresh') },
        { key: 'method', label: hx('method'), children: <span>{forecast.methodLabel[lang]}{method && <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 12 }}>{method.summary[lang]}</Typography.Paragraph>}</span> },
        { key: 'params', label: hx('params'), children: [`${hx('cellM')} ${forecast.cellM} m`, ...forecast.params.map((p) => `${p.label[lang]} ${p.value}${p.unit ? ` ${p.unit}` : ''}`)].join('；') },
        { key: 'kind', label: hotspotText(lang, 'kind'), children: forecast.kind ? KIND_LABELS[forecast.kind][lang] : hx('allKinds') },
        { key: 'band', label: hx('band'), children: forecast.band ?? hx('allDay') },
        { key: 'train', label: hx('trainPeriod'), children: `${dayTime(forecast.trainStart)} – ${dayTime(forecast.trainEnd)}` },
        { key: 'target', label: hx('targetPeriod'), children: `${dayTime(forecast.targetStart)} – ${dayTime(forecast.targetEnd)}` },
        { key: 'volume', label: hx('eventCount'), children: <strong data-testid="hotspot-volume">{hx('eventCountValue', { n: forecast.eventCount })}</strong> },
        { key: 'cells', label: hx('cellsShown'), children: hx('cellsShownValue', { n: forecast.cells.length, more: forecast.cellsTruncated ? hx('truncated') : '' }) },
      ]
    : [];
  if (heat) items.push({ key: 'heat', label: hx('heatVolume'), children: <span data-testid="heat-volume">{hx('heatVolumeValue', { from: day(`${heat.from}T00:00:00+08:00`), to: day(`${heat.to}T00:00:00+08:00`), n: heat.incidentCount, located: heat.locatedCount })}</span> });

  return (
    <div>
      <Typography.Title level={4}>{hx('behind')}</Typography.Title>
      {!forecast && <Alert type="info" showIcon title={hx('noRun')} style={{ marginBottom: 12 }} />}
      {forecast && forecast.eventCount === 0 && <Alert type="warning" showIcon title={hx('noData')} style={{ marginBottom: 12 }} />}
      <Descriptions size="small" column={1} bordered items={items} />
      {forecast && forecast.top.length > 0 && (
        <Table<RiskCell>
          style={{ marginTop: 12 }}
          size="small"
          rowKey="cell"
          pagination={false}
          caption={hx('topCells')}
          dataSource={forecast.top}
          columns={[
            { title: hx('rank'), dataIndex: 'rank', width: 60 },
            { title: hx('risk'), dataIndex: 'risk', render: (v: number) => Number(v.toPrecision(3)) },
            { title: hx('position'), key: 'pos', render: (_, c) => `${c.lat.toFixed(5)}, ${c.lon.toFixed(5)}` },
          ]}
        />
      )}
      <Alert style={{ marginTop: 12 }} type="warning" showIcon title={hx('feedbackTitle')} description={hx('feedbackBody')} data-testid="feedback-note" />
    </div>
  );
}
