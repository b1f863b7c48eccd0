import { PersonIncidents } from '../../incidents/components/PersonIncidents';
import { PersonCases } from '../../cases/components/PersonCases';
import { ArrowLeftOutlined, EditOutlined, HomeOutlined, SwapOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Result, Space, Spin, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../../app/api';
import { errorText, useFeedback } from '../../../app/feedback';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useIsNarrow } from '../../../app/useMediaQuery';
import { useQuery } from '../../../app/useQuery';
import { orgApi } from '../../org/org.api';
import { IdentityNumber } from '../components/IdentityNumber';
import { MovePersonModal } from '../components/MovePersonModal';
import { PersonFormModal } from '../components/PersonFormModal';
import { peopleApi, type PersonDetail } from '../people.api';
import { ageOf, CATEGORY_COLORS, categoryLabel, genderLabel, residenceKindLabel } from '../people.labels';

type AddressRow = PersonDetail['addresses'][number];
type TenancyRow = PersonDetail['tenancies'][number];

/** The person page: identity (masked, whole on request), addresses over time, tenancies, houses. */
export default function PersonPage() {
  const { id } = useParams();
  const personId = Number(id);
  const { t, date, dateTime } = useI18n();
  const { showSuccess } = useFeedback();
  const narrow = useIsNarrow();
  const [editing, setEditing] = useState(false);
  const [moving, setMoving] = useState(false);
  const person = useQuery((signal) => peopleApi.get(personId, signal), [personId]);
  const p = person.data;
  const jurisdictions = useQuery((signal) => (editing ? orgApi.list(false, signal) : Promise.resolve({ items: [] })), [editing]);
  const jurisdictionItems = useMemo(() => jurisdictions.data?.items ?? [], [jurisdictions.data]);

  const current = <Tag color="green">{t('people.current')}</Tag>;
  const verified = (v: boolean) => (v ? <Tag color="green">{t('people.verified')}</Tag> : <Tag color="orange">{t('people.unverified')}</Tag>);
  const secondary = (children: React.ReactNode) => (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {children}
    </Typography.Text>
  );
  // Phones get one stacked column instead of a table to scroll sideways.
  const narrowAddressColumns: TableColumnsType<AddressRow> = [
    {
      key: 'stack',
      render: (_: unknown, a) => (
        <div>
          <div>{a.addressName}</div>
          {secondary(
            <Space size={4} wrap>
              {t(residenceKindLabel(a.kind))} · {a.fromDate} → {a.toDate ?? current}
            </Space>,
          )}
        </div>
      ),
    },
  ];
  const narrowTenancyColumns: TableColumnsType<TenancyRow> = [
    {
      key: 'stack',
      render: (_: unknown, r) => (
        <div>
          <Link to={`/houses/${r.houseId}`}>{r.addressName}</Link>
          <div>
            {secondary(
              <Space size={4} wrap>
                {t('people.landlord')} {r.landlordName} · {r.checkIn} → {r.checkOut ?? current} {verified(r.verified)}
              </Space>,
            )}
          </div>
        </div>
      ),
    },
  ];
  const addressColumns: TableColumnsType<AddressRow> = [
    { title: t('people.addressKindLabel'), dataIndex: 'kind', key: 'kind', width: 90, render: (k: AddressRow['kind']) => t(residenceKindLabel(k)) },
    { title: t('people.addressName'), dataIndex: 'addressName', key: 'address' },
    { title: t('people.fromDate'), dataIndex: 'fromDate', key: 'from', width: 110 },
    {
      title: t('people.toDate'),
      dataIndex: 'toDate',
      key: 'to',
      width: 110,
      render: (v: string | null) => v ?? current,
    },
  ];
  const tenancyColumns: TableColumnsType<TenancyRow> = [
    { title: t('people.addressName'), dataIndex: 'addressName', key: 'address', render: (v: string, r) => <Link to={`/houses/${r.houseId}`}>{v}</Link> },
    { title: t('people.landlord'), dataIndex: 'landlordName', key: 'landlord', width: 90 },
    { title: t('people.checkIn'), dataIndex: 'checkIn', key: 'in', width: 110 },
    { title: t('people.checkOut'), dataIndex: 'checkOut', key: 'out', width: 110, render: (v: string | null) => v ?? current },
    {
      title: t('people.verification'),
      dataIndex: 'verified',
      key: 'verified',
      width: 90,
      render: verified,
    },
  ];

  if (person.loading && !p) {
    return (
      <div className="fq-center">
        <Spin />
      </div>
    );
  }
  if (person.error instanceof ApiError && person.error.status === 404) {
    return <Result status="404" title={t('people.notFound')} extra={<Link to="/people">{t('people.back')}</Link>} />;
  }
  if (person.error || !p) return <Alert type="error" showIcon title={errorText(person.error, t)} />;

  const age = ageOf(p.birthDate);
  const afterSave = (next: PersonDetail) => {
    setEditing(false);
    setMoving(false);
    showSuccess('common.saved');
    if (next.id === p.id) person.reload();
  };

  return (
    <div data-testid="person-page">
      <div className="fq-page-head">
        <Space wrap size={8} align="center">
          <Link to="/people" aria-label={t('people.back')}>
            <ArrowLeftOutlined aria-hidden />
          </Link>
          <Typography.Title level={1}>{p.name}</Typography.Title>
          <Tag color={CATEGORY_COLORS[p.category]}>{t(categoryLabel(p.category))}</Tag>
        </Space>
        {p.abilities.edit && (
          <Space wrap>
            <Button icon={<EditOutlined aria-hidden />} onClick={() => setEditing(true)} data-testid="person-edit">
              {t('common.edit')}
            </Button>
            <Button icon={<SwapOutlined aria-hidden />} onClick={() => setMoving(true)} data-testid="person-move">
              {t('people.move')}
            </Button>
          </Space>
        )}
      </div>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Card size="small" title={t('people.basic')}>
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 1, md: 2 }}
            items={[
              { key: 'id', label: t('people.idNumber'), span: 'filled', children: <IdentityNumber personId={p.id} masked={p.idNumberMasked} canView={p.abilities.viewIdentity} /> },
              { key: 'gender', label: t('people.gender'), children: p.gender ? t(genderLabel(p.gender)) : t('common.none') },
              { key: 'birth', label: t('people.birthDate'), children: p.birthDate ? `${p.birthDate}${age !== null ? `（${t('people.age', { age })}）` : ''}` : t('common.none') },
              { key: 'ethnicity', label: t('people.ethnicity'), children: p.ethnicityName ?? t('common.none') },
              { key: 'phone', label: t('people.phone'), children: p.phone ?? t('common.none') },
              {
                key: 'address',
                label: t('people.address'),
                span: 'filled',
                children: (
                  <Space wrap size={8}>
                    <span>{p.currentAddressName ?? t('people.noAddress')}</span>
                    {p.currentHouseId && (
                      <Link to={`/houses/${p.currentHouseId}`} data-testid="person-house-link">
                        <HomeOutlined aria-hidden /> {t('people.openHouse')}
                      </Link>
                    )}
                  </Space>
                ),
              },
              { key: 'household', label: t('people.householdPlace'), children: p.householdPlace ?? t('common.none') },
              { key: 'jurisdiction', label: t('people.jurisdiction'), children: p.jurisdictionName },
              { key: 'notes', label: t('people.notes'), span: 'filled', children: p.notes ?? t('common.none') },
              { key: 'created', label: t('people.createdAt'), children: dateTime(p.createdAt) },
              { key: 'updated', label: t('people.updatedAt'), children: date(p.updatedAt) },
            ]}
          />
        </Card>
        <Card size="small" title={t('people.addresses', { n: p.counts.addresses })}>
          <Table<AddressRow> rowKey="id" size="small" columns={narrow ? narrowAddressColumns : addressColumns} showHeader={!narrow} dataSource={p.addresses} pagination={false} scroll={narrow ? undefined : { x: 'max-content' }} data-testid="person-addresses" />
        </Card>
        <Card size="small" title={t('people.tenancies', { n: p.counts.tenancies })}>
          {p.tenancies.length ? (
            <Table<TenancyRow> rowKey="id" size="small" columns={narrow ? narrowTenancyColumns : tenancyColumns} showHeader={!narrow} dataSource={p.tenancies} pagination={false} scroll={narrow ? undefined : { x: 'max-content' }} data-testid="person-tenancies" />
          ) : (
            <Typography.Text type="secondary">{t('people.noTenancies')}</Typography.Text>
          )}
        </Card>
        <PersonIncidents items={p.incidents} />
        <PersonCases personId={p.id} />
        {p.ownedHouses.length > 0 && (
          <Card size="small" title={t('people.ownedHouses', { n: p.counts.housesOwned })}>
            <Space orientation="vertical" size={4}>
              {p.ownedHouses.map((h) => (
                <Link key={h.id} to={`/houses/${h.id}`}>
                  {h.addressName}
                </Link>
              ))}
            </Space>
          </Card>
        )}
      </Space>
      <PersonFormModal target={editing ? p : null} jurisdictions={jurisdictionItems} onClose={() => setEditing(false)} onSaved={afterSave} />
      <MovePersonModal person={moving ? p : null} onClose={() => setMoving(false)} onSaved={afterSave} />
    </div>
  );
}
