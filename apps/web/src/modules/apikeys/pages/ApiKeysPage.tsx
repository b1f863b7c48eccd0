import { PlusOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, Button, Popconfirm, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { errorText, useFeedback } from '../../../app/feedback';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useQuery } from '../../../app/useQuery';
import { orgApi } from '../../org/org.api';
import { apiKeysApi, type ApiKey } from '../apikeys.api';
import { CreateApiKeyModal } from '../components/CreateApiKeyModal';
import { SecretModal } from '../components/SecretModal';

export default function ApiKeysPage() {
  const { t, lang, dateTime } = useI18n();
  const { showError, showSuccess } = useFeedback();
  const list = useQuery((signal) => apiKeysApi.list(signal), []);
  const channels = useQuery((signal) => apiKeysApi.channels(signal), []);
  const jurisdictions = useQuery((signal) => orgApi.list(false, signal), []);
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);

  const channelItems = useMemo(() => channels.data?.items ?? [], [channels.data]);
  const jurisdictionItems = useMemo(() => jurisdictions.data?.items ?? [], [jurisdictions.data]);
  const channelName = (code: string): string => {
    const c = channelItems.find((ch) => ch.code === code);
    return c ? (lang === 'zh' ? c.nameZh : c.nameEn) : code;
  };

  const revoke = (key: ApiKey) => {
    apiKeysApi
      .revoke(key.id)
      .then(() => {
        showSuccess('apikeys.revokedDone');
        list.reload();
      })
      .catch(showError);
  };

  const columns: TableColumnsType<ApiKey> = [
    { title: t('apikeys.name'), dataIndex: 'name', key: 'name', fixed: 'left', width: 160 },
    { title: t('apikeys.channel'), dataIndex: 'channel', key: 'channel', width: 130, render: (c: string) => channelName(c) },
    { title: t('apikeys.jurisdiction'), dataIndex: 'jurisdictionName', key: 'jurisdiction', width: 150 },
    {
      title: t('apikeys.prefix'),
      dataIndex: 'prefix',
      key: 'prefix',
      width: 140,
      render: (p: string) => <Typography.Text code>{p}…</Typography.Text>,
    },
    { title: t('apikeys.createdAt'), dataIndex: 'createdAt', key: 'createdAt', width: 170, render: (v: string) => dateTime(v) },
    { title: t('apikeys.lastUsedAt'), dataIndex: 'lastUsedAt', key: 'lastUsedAt', width: 170, render: (v: string | null) => dateTime(v) },
    {
      title: t('apikeys.status'),
      key: 'status',
      width: 110,
      render: (_: unknown, k) =>
        k.revokedAt ? (
          <Tag title={dateTime(k.revokedAt)}>{t('apikeys.revoked')}</Tag>
        ) : (
          <Tag color="green">{t('apikeys.active')}</Tag>
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 110,
      render: (_: unknown, k) =>
        k.revokedAt ? null : (
          <Popconfirm
            title={t('apikeys.revokeConfirm', { name: k.name })}
            onConfirm={() => revoke(k)}
            okText={t('apikeys.revoke')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
          >
            <Button size="small" danger icon={<StopOutlined aria-hidden />} aria-label={`${t('apikeys.revoke')} ${k.name}`}>
              {t('apikeys.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <div>
      <div className="fq-page-head">
        <Typography.Title level={1}>{t('apikeys.title')}</Typography.Title>
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)} data-testid="apikeys-add">
          {t('apikeys.add')}
        </Button>
      </div>
      {list.error ? <Alert type="error" showIcon title={errorText(list.error, t)} style={{ marginBottom: 16 }} /> : null}
      <Table<ApiKey>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
        data-testid="apikeys-table"
      />
      <CreateApiKeyModal
        open={creating}
        channels={channelItems}
        jurisdictions={jurisdictionItems}
        onClose={() => setCreating(false)}
        onCreated={(s) => {
          setCreating(false);
          setSecret(s);
          list.reload();
        }}
      />
      <SecretModal secret={secret} onClose={() => setSecret(null)} />
    </div>
  );
}
