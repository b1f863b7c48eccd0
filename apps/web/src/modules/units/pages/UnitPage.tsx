import { ArrowLeftOutlined, DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Popconfirm, Result, Space, Spin, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../../app/api';
import { errorText, useFeedback } from '../../../app/feedback';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useQuery } from '../../../app/useQuery';
import { orgApi } from '../../org/org.api';
import { CreditCode } from '../components/CreditCode';
import { UnitFormModal } from '../components/UnitFormModal';
import { unitsApi, type UnitDetail } from '../units.api';
import { KIND_COLORS, kindLabel } from '../units.labels';

/** The unit page: kind, credit code (with its check), address, contacts; edit and archive (注销). */
export default function UnitPage() {
  const { id } = useParams();
  const unitId = Number(id);
  const { t, dateTime } = useI18n();
  const { message, showError, showSuccess } = useFeedback();
  const [editing, setEditing] = useState(false);
  const [archiving, setArchiving] = useState(false);
  const unit = useQuery((signal) => unitsApi.get(unitId, signal), [unitId]);
  const jurisdictions = useQuery((signal) => (editing ? orgApi.list(false, signal) : Promise.resolve({ items: [] })), [editing]);
  const jurisdictionItems = useMemo(() => jurisdictions.data?.items ?? [], [jurisdictions.data]);
  const u = unit.data;

  if (unit.loading && !u) {
    return (
      <div className="fq-center">
        <Spin />
      </div>
    );
  }
  if (unit.error instanceof ApiError && unit.error.status === 404) {
    return <Result status="404" title={t('units.notFound')} extra={<Link to="/units">{t('units.back')}</Link>} />;
  }
  if (unit.error || !u) return <Alert type="error" showIcon title={errorText(unit.error, t)} />;

  const afterSave = (next: UnitDetail) => {
    setEditing(false);
    if (next.warnings.length) void message.warning(next.warnings.map((w) => w.message).join('；'));
    else showSuccess('common.saved');
    unit.reload();
  };
  const archive = () => {
    setArchiving(true);
    unitsApi
      .archive(u.id)
      .then(() => {
        showSuccess('units.archivedDone');
        unit.reload();
      })
      .catch(showError)
      .finally(() => setArchiving(false));
  };

  return (
    <div data-testid="unit-page">
      <div className="fq-page-head">
        <Space wrap size={8} align="center">
          <Link to="/units" aria-label={t('units.back')}>
            <ArrowLeftOutlined aria-hidden />
          </Link>
          <Typography.Title level={1}>{u.name}</Typography.Title>
          <Tag color={KIND_COLORS[u.kind]}>{t(kindLabel(u.kind))}</Tag>
          {u.keyPlace && u.kind !== 'key_place' && <Tag color="red">{t('units.keyPlace')}</Tag>}
          {u.archivedAt && <Tag>{t('units.archivedTag')}</Tag>}
        </Space>
        {u.abilities.edit && (
          <Space wrap>
            <Button icon={<EditOutlined aria-hidden />} onClick={() => setEditing(true)} data-testid="unit-edit">
              {t('common.edit')}
            </Button>
            <Popconfirm title={t('units.archiveConfirm', { name: u.name })} onConfirm={archive} okText={t('units.archive')} cancelText={t('common.cancel')} okButtonProps={{ danger: true }}>
              <Button danger icon={<DeleteOutlined aria-hidden />} loading={archiving} data-testid="unit-archive">
                {t('units.archive')}
              </Button>
            </Popconfirm>
          </Space>
        )}
      </div>
      {u.warnings.map((w) => (
        <Alert key={w.rule} type="warning" showIcon title={w.message} style={{ marginBottom: 16 }} data-testid="unit-warning" />
      ))}
      <Card size="small">
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 1, md: 2 }}
          items={[
            { key: 'code', label: t('units.creditCode'), span: 'filled', children: <CreditCode code={u.creditCode} ok={u.creditCodeOk} /> },
            { key: 'rep', label: t('units.legalRepresentative'), children: u.legalRepresentative ?? t('common.none') },
            { key: 'phone', label: t('units.contactPhone'), children: u.contactPhone ? <a href={`tel:${u.contactPhone}`}>{u.contactPhone}</a> : t('common.none') },
            { key: 'employees', label: t('units.employees'), children: u.employees ?? t('common.none') },
            { key: 'key', label: t('units.keyPlace'), children: u.keyPlace ? t('common.yes') : t('common.no') },
            { key: 'address', label: t('units.address'), span: 'filled', children: u.addressName ?? t('common.none') },
            { key: 'jurisdiction', label: t('people.jurisdiction'), children: u.jurisdictionName },
            { key: 'updated', label: t('people.updatedAt'), children: dateTime(u.updatedAt) },
            ...(u.archivedAt ? [{ key: 'archived', label: t('units.archivedAt'), children: dateTime(u.archivedAt) }] : []),
            { key: 'notes', label: t('units.notes'), span: 'filled' as const, children: u.notes ?? t('common.none') },
          ]}
        />
      </Card>
      <UnitFormModal target={editing ? u : null} jurisdictions={jurisdictionItems} onClose={() => setEditing(false)} onSaved={afterSave} />
    </div>
  );
}
