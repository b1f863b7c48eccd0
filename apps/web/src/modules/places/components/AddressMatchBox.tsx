import { Alert, Input, List, Progress, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { errorText } from '../../../app/feedback';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { placesApi, type AddressMatch, type AddressMatchItem } from '../places.api';
import { levelLabel, percent } from '../places.labels';

interface Props {
  onOpen: (id: number) => void;
}

function strokeColor(confidence: number): string {
  if (confidence >= 0.8) return '#389e0d';
  if (confidence >= 0.5) return '#d48806';
  return '#cf1322';
}

/** 地址匹配: free text in, the best standard address with its confidence and the alternatives out. */
export function AddressMatchBox({ onOpen }: Props) {
  const { t, lang } = useI18n();
  const [result, setResult] = useState<AddressMatch | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);

  const run = (text: string) => {
    const q = text.trim();
    if (!q) {
      setResult(null);
      return;
    }
    setLoading(true);
    setError(null);
    placesApi
      .match(q)
      .then(setResult)
      .catch(setError)
      .finally(() => setLoading(false));
  };

  const row = (item: AddressMatchItem, testId: string) => (
    <List.Item
      key={item.address.id}
      onClick={() => onOpen(item.address.id)}
      style={{ cursor: 'pointer' }}
      data-testid={testId}
      actions={[
        <Progress key="c" type="circle" size={40} percent={Math.round(item.confidence * 100)} strokeColor={strokeColor(item.confidence)} format={() => percent(item.confidence)} />,
      ]}
    >
      <List.Item.Meta
        title={<a>{item.address.fullName}</a>}
        description={<Tag>{levelLabel(item.address.level, lang)}</Tag>}
      />
    </List.Item>
  );

  const parsed = result?.parsed;
  const numbers = parsed
    ? [parsed.building && t('places.parsedBuilding', { n: parsed.building }), parsed.unit && t('places.parsedUnit', { n: parsed.unit }), parsed.room && t('places.parsedRoom', { n: parsed.room })].filter(Boolean).join(' · ')
    : '';

  return (
    <div>
      <Input.Search
        placeholder={t('places.matchPlaceholder')}
        aria-label={t('places.match')}
        enterButton={t('places.matchButton')}
        loading={loading}
        allowClear
        onSearch={run}
        data-testid="places-match-input"
      />
      {error ? <Alert type="error" showIcon title={errorText(error, t)} style={{ marginTop: 8 }} /> : null}
      {result && (
        <div style={{ marginTop: 8 }} data-testid="places-match-result">
          {numbers && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('places.parsed')}：{numbers}
            </Typography.Text>
          )}
          {result.best ? (
            <List size="small" header={<Space>{t('places.bestMatch')}</Space>} dataSource={[result.best]} renderItem={(i) => row(i, 'places-match-best')} />
          ) : (
            <Alert type="info" showIcon title={t('places.noMatch')} style={{ marginTop: 8 }} />
          )}
          {result.alternatives.length > 0 && (
            <List size="small" header={t('places.alternatives')} dataSource={result.alternatives} renderItem={(i) => row(i, `places-match-alt-${i.address.id}`)} />
          )}
        </div>
      )}
    </div>
  );
}
