import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { Alert, Breadcrumb, Button, Card, Descriptions, Result, Space, Spin, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../../app/api';
import { errorText, useFeedback } from '../../../app/feedback';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useIsNarrow } from '../../../app/useMediaQuery';
import { useQuery } from '../../../app/useQuery';
import { ageOf, CATEGORY_COLORS, categoryLabel, genderLabel } from '../../people/people.labels';
import { HouseFormModal } from '../components/HouseFormModal';
import { housesApi, type HouseDetail, type PersonBrief } from '../houses.api';
import { USE_COLORS, useLabel } from '../houses.labels';

type TenancyRow = HouseDetail['tenancies'][number];

/** 东湖新村小区1号楼1单元202室: the address from the compound (or village lane) down. */
function houseTitle(h: HouseDetail): string {
  const from = h.addressChain.findIndex((a) => a.level === 'compound');
  return from >= 0 ? h.addressChain.slice(from).map((a) => a.name).join('') : h.addressName;
}

/** The house page: where it is, who owns it, who lives there, and its rental registration. */
export default function HousePage() {
  const { id } = useParams();
  const houseId = Number(id);
  const { t } = useI18n();
  const { showSuccess } = useFeedback();
  const narrow = useIsNarrow();
  const [editing, setEditing] = useState(false);
  const house = useQuery((signal) => housesApi.get(houseId, signal), [houseId]);
  const h = house.data;

  const current = <Tag color="green">{t('people.current')}</Tag>;
  const verified = (v: boolean) => (v ? <Tag color="green">{t('people.verified')}</Tag> : <Tag color="orange">{t('people.unverified')}</Tag>);
  const genderAge = (p: PersonBrief) => [p.gender ? t(genderLabel(p.gender)) : null, p.birthDate ? t('people.age', { age: ageOf(p.birthDate) ?? 0 }) : null].filter(Boolean).join(' · ');
  const mono = (v: string | null) => <span style={{ fontFamily: 'monospace' }}>{v ?? t('common.none')}</span>;
  // Phones get one stacked column instead of a table to scroll sideways.
  const narrowPersonColumns: TableColumnsType<PersonBrief> = [
    {
      key: 'stack',
      render: (_: unknown, p) => (
        <div>
          <Space size={6} wrap>
            <Link to={`/people/${p.id}`}>{p.name}</Link>
            <Tag color={CATEGORY_COLORS[p.category]}>{t(categoryLabel(p.category))}</Tag>
            <Typography.Text type="secondary">{genderAge(p)}</Typography.Text>
          </Space>
          <div style={{ fontSize: 12 }}>
            {mono(p.idNumberMasked)} {p.phone ? `· ${p.phone}` : ''}
          </div>
        </div>
      ),
    },
  ];
  const narrowTenancyColumns: TableColumnsType<TenancyRow> = [
    {
      key: 'stack',
      render: (_: unknown, r) => (
        <div>
          <Space size={6} wrap>
            <Link to={`/people/${r.personId}`}>{r.personName}</Link>
            {verified(r.verified)}
          </Space>
          <div style={{ fontSize: 12 }}>
            <Space size={4} wrap>
              {mono(r.idNumberMasked)} · {r.checkIn} → {r.checkOut ?? current}
            </Space>
          </div>
        </div>
      ),
    },
  ];
  const personColumns: TableColumnsType<PersonBrief> = [
    { title: t('people.name'), dataIndex: 'name', key: 'name', render: (v: string, p) => <Link to={`/people/${p.id}`}>{v}</Link> },
    { title: t('people.categoryLabel'), dataIndex: 'category', key: 'category', render: (c: PersonBrief['category']) => <Tag color={CATEGORY_COLORS[c]}>{t(categoryLabel(c))}</Tag> },
    {
      title: t('people.genderAge'),
      key: 'ga',
      render: (_: unknown, p) => genderAge(p),
    },
    { title: t('people.idNumber'), dataIndex: 'idNumberMasked', key: 'id', render: mono },
    { title: t('people.phone'), dataIndex: 'phone', key: 'phone', render: (v: string | null) => v ?? t('common.none') },
  ];
  const tenancyColumns: TableColumnsType<TenancyRow> = [
    { title: t('people.name'), dataIndex: 'personName', key: 'name', render: (v: string, r) => <Link to={`/people/${r.personId}`}>{v}</Link> },
    { title: t('people.idNumber'), dataIndex: 'idNumberMasked', key: 'id', render: mono },
    { title: t('people.checkIn'), dataIndex: 'checkIn', key: 'in' },
    { title: t('people.checkOut'), dataIndex: 'checkOut', key: 'out', render: (v: string | null) => v ?? current },
    { title: t('people.verification'), dataIndex: 'verified', key: 'v', render: verified },
  ];

  if (house.loading && !h) {
    return (
      <div className="fq-center">
        <Spin />
      </div>
    );
  }
  if (house.error instanceof ApiError && house.error.status === 404) {
    return <Result status="404" title={t('houses.notFound')} extra={<Link to="/houses">{t('houses.back')}</Link>} />;
  }
  if (house.error || !h) return <Alert type="error" showIcon title={errorText(house.error, t)} />;

  const over = h.occupantLimit !== null && h.occupantCount > h.occupantLimit;
  const agreement = h.rental?.agreement;
  const expired = agreement ? agreement.expiresOn < new Date().toISOString().slice(0, 10) : false;
  const openTenants = h.tenancies.filter((x) => x.checkOut === null).length;

  return (
    <div data-testid="house-page">
      <div className="fq-page-head">
        <Space wrap size={8} align="center">
          <Link to="/houses" aria-label={t('houses.back')}>
            <ArrowLeftOutlined aria-hidden />
          </Link>
          <Typography.Title level={1} style={{ wordBreak: 'break-all' }}>
            {houseTitle(h)}
          </Typography.Title>
          <Tag color={USE_COLORS[h.use]}>{t(useLabel(h.use))}</Tag>
          {h.isRental && h.use !== 'rental' && <Tag color="purple">{t('houses.rental')}</Tag>}
        </Space>
        {h.abilities.edit && (
          <Button icon={<EditOutlined aria-hidden />} onClick={() => setEditing(true)} data-testid="house-edit">
            {t('common.edit')}
          </Button>
        )}
      </div>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Card size="small" title={t('houses.basic')}>
          <Breadcrumb style={{ marginBottom: 12 }} items={h.addressChain.map((a) => ({ key: a.id, title: a.name }))} data-testid="house-address-chain" />
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 1, md: 2 }}
            items={[
              { key: 'address', label: t('houses.address'), span: 'filled', children: h.addressName },
              {
                key: 'owner',
                label: t('houses.owner'),
                children: h.owner ? (
                  <Space orientation="vertical" size={0}>
                    <Link to={`/people/${h.owner.id}`}>{h.owner.name}</Link>
                    <Typography.Text type="secondary" style={{ fontFamily: 'monospace', fontSize: 12 }}>
                      {[h.owner.idNumberMasked, h.owner.phone].filter(Boolean).join(' · ')}
                    </Typography.Text>
                  </Space>
                ) : (
                  t('common.none')
                ),
              },
              { key: 'area', label: t('houses.area'), children: h.areaM2 ?? t('common.none') },
              {
                key: 'occupants',
                label: t('houses.occupantCount'),
                children: (
                  <Space size={4}>
                    {h.occupantLimit !== null ? `${h.occupantCount} / ${h.occupantLimit}` : h.occupantCount}
                    {over && <Tag color="red">{t('houses.overLimit')}</Tag>}
                  </Space>
                ),
              },
              { key: 'jurisdiction', label: t('people.jurisdiction'), children: h.jurisdictionName },
              { key: 'notes', label: t('houses.notes'), span: 'filled', children: h.notes ?? t('common.none') },
            ]}
          />
        </Card>
        <Card size="small" title={t('houses.occupants', { n: h.occupants.length })}>
          {h.occupants.length ? (
            <Table<PersonBrief> rowKey="id" size="small" columns={narrow ? narrowPersonColumns : personColumns} showHeader={!narrow} dataSource={h.occupants} pagination={false} scroll={narrow ? undefined : { x: 'max-content' }} data-testid="house-occupants" />
          ) : (
            <Typography.Text type="secondary">{t('houses.noOccupants')}</Typography.Text>
          )}
        </Card>
        {h.rental && (
          <Card size="small" title={t('houses.rentalInfo')} data-testid="house-rental">
            <Descriptions
              size="small"
              column={{ xs: 1, sm: 1, md: 2 }}
              items={[
                { key: 'landlord', label: t('houses.landlord'), children: <Link to={`/people/${h.rental.landlordPersonId}`}>{h.rental.landlordName}</Link> },
                { key: 'status', label: t('houses.rentalStatus'), children: h.rental.status === 'active' ? <Tag color="green">{t('houses.rentalActive')}</Tag> : <Tag>{t('houses.rentalWithdrawn')}</Tag> },
                { key: 'registered', label: t('houses.registeredOn'), children: h.rental.registeredOn },
                { key: 'limit', label: t('houses.occupantLimit'), children: `${openTenants} / ${h.rental.occupantLimit}` },
                {
                  key: 'agreement',
                  label: t('houses.agreement'),
                  span: 'filled',
                  children: agreement ? (
                    <Space size={4} wrap>
                      {t('houses.agreementDates', { signed: agreement.signedOn, expires: agreement.expiresOn })}
                      {expired && <Tag color="red">{t('houses.agreementExpired')}</Tag>}
                    </Space>
                  ) : (
                    <Tag color="red">{t('houses.agreementNone')}</Tag>
                  ),
                },
              ]}
            />
            <Typography.Title level={5} style={{ marginTop: 12 }}>
              {t('houses.tenancies')}
            </Typography.Title>
            <Table<TenancyRow> rowKey="id" size="small" columns={narrow ? narrowTenancyColumns : tenancyColumns} showHeader={!narrow} dataSource={h.tenancies} pagination={false} scroll={narrow ? undefined : { x: 'max-content' }} data-testid="house-tenancies" />
          </Card>
        )}
      </Space>
      <HouseFormModal
        target={editing ? h : null}
        onClose={() => setEditing(false)}
        onSaved={() => {
          setEditing(false);
          showSuccess('common.saved');
          house.reload();
        }}
      />
    </div>
  );
}
