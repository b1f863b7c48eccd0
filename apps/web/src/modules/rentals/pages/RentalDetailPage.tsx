import { CheckOutlined, DownloadOutlined, EditOutlined, FileProtectOutlined, LogoutOutlined, UserAddOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Skeleton, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { errorText, useFeedback } from '../../../app/feedback';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useQuery } from '../../../app/useQuery';
import { AgreementModal } from '../components/AgreementModal';
import { CheckInModal } from '../components/CheckInModal';
import { CheckOutModal } from '../components/CheckOutModal';
import { FlagTags } from '../components/FlagTags';
import { EditRentalModal } from '../components/RentalFormModals';
import { TenancyStateTag } from '../components/TenancyStateTag';
import { rentalsApi, type Agreement, type RentalDetail, type Tenancy } from '../rentals.api';
import { AGREEMENT_COLORS, AGREEMENT_LABELS, REPORTED_VIA_LABELS } from '../rentals.labels';

/** One rental house: landlord, tenants in and out, verification, the responsibility agreement. */
export default function RentalDetailPage() {
  const { id } = useParams();
  const rentalId = Number(id);
  const { t, dateTime } = useI18n();
  const { showError, showSuccess } = useFeedback();
  const detail = useQuery((signal) => rentalsApi.get(rentalId, signal), [rentalId]);
  const [checkingIn, setCheckingIn] = useState(false);
  const [checkOut, setCheckOut] = useState<Tenancy | null>(null);
  const [uploading, setUploading] = useState(false);
  const [editing, setEditing] = useState<RentalDetail | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const rental = detail.data;

  const done = () => {
    setCheckingIn(false);
    setCheckOut(null);
    setUploading(false);
    setEditing(null);
    detail.reload();
  };

  const verify = (tenancy: Tenancy) => {
    setBusy(tenancy.id);
    rentalsApi
      .verify(tenancy.id)
      .then(() => {
        showSuccess('rentals.verified');
        detail.reload();
      })
      .catch(showError)
      .finally(() => setBusy(null));
  };

  if (detail.error) return <Alert type="error" showIcon title={errorText(detail.error, t)} />;
  if (!rental) return <Skeleton active />;

  const tenancyColumns: TableColumnsType<Tenancy> = [
    {
      title: t('rentals.tenant'),
      key: 'tenant',
      render: (_: unknown, x) => (
        <span>
          {x.person.name}
          <br />
          <Typography.Text type="secondary" className="fq-tenant-id">
            {x.person.idNumberMasked ?? ''}
          </Typography.Text>
        </span>
      ),
    },
    { title: t('rentals.phone'), key: 'phone', width: 130, render: (_: unknown, x) => x.person.phone ?? x.person.phoneMasked ?? t('common.none') },
    { title: t('rentals.checkInDate'), dataIndex: 'checkIn', key: 'checkIn', width: 110 },
    { title: t('rentals.checkOutDate'), dataIndex: 'checkOut', key: 'checkOut', width: 110, render: (v: string | null) => v ?? t('common.none') },
    { title: t('rentals.reportedVia'), key: 'via', width: 130, render: (_: unknown, x) => `${t(REPORTED_VIA_LABELS[x.reportedVia])}${x.reportedByName ? ` · ${x.reportedByName}` : ''}` },
    { title: t('rentals.state'), key: 'state', width: 170, render: (_: unknown, x) => <TenancyStateTag tenancy={x} /> },
    {
      title: t('rentals.verifiedBy'),
      key: 'verifiedBy',
      width: 170,
      render: (_: unknown, x) => {
        const who = x.checkoutVerifiedAt ? `${x.checkoutVerifiedByName ?? ''} ${dateTime(x.checkoutVerifiedAt)}` : x.verifiedAt ? `${x.verifiedByName ?? ''} ${dateTime(x.verifiedAt)}` : null;
        return who ?? t('common.none');
      },
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 190,
      render: (_: unknown, x) => (
        <Space wrap>
          {rental.abilities.verify && (x.state === 'pending_check_in' || x.state === 'pending_check_out') ? (
            <Button type="primary" size="small" icon={<CheckOutlined aria-hidden />} loading={busy === x.id} onClick={() => verify(x)} data-testid={`verify-${x.id}`}>
              {t('rentals.verify')}
            </Button>
          ) : null}
          {rental.abilities.checkOut && x.checkOut === null ? (
            <Button danger size="small" icon={<LogoutOutlined aria-hidden />} onClick={() => setCheckOut(x)} data-testid={`tenant-checkout-${x.id}`}>
              {t('rentals.checkOut')}
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  const agreementColumns: TableColumnsType<Agreement> = [
    { title: t('rentals.signedOn'), dataIndex: 'signedOn', key: 'signedOn', width: 120 },
    { title: t('rentals.expiresOn'), dataIndex: 'expiresOn', key: 'expiresOn', width: 120 },
    { title: t('rentals.status'), key: 'status', width: 120, render: (_: unknown, a) => <Tag color={AGREEMENT_COLORS[a.status]}>{t(AGREEMENT_LABELS[a.status])}</Tag> },
    {
      title: t('rentals.agreementFile'),
      key: 'file',
      render: (_: unknown, a) =>
        a.hasFile ? (
          <Button size="small" icon={<DownloadOutlined aria-hidden />} onClick={() => void rentalsApi.downloadAgreement(a).catch(showError)} data-testid={`agreement-download-${a.id}`}>
            {a.fileName ?? t('rentals.download')}
          </Button>
        ) : (
          <Typography.Text type="secondary">{t('rentals.noScan')}</Typography.Text>
        ),
    },
  ];

  return (
    <div>
      <div className="fq-page-head">
        <div style={{ minWidth: 0 }}>
          <Link to="/rentals">{t('rentals.backToList')}</Link>
          <Typography.Title level={1} style={{ marginTop: 4 }} data-testid="rental-title">
            {rental.address}
          </Typography.Title>
          <FlagTags flags={rental.flags} data-testid="rental-flags" />
        </div>
        <Space wrap>
          {rental.abilities.checkIn ? (
            <Button type="primary" icon={<UserAddOutlined aria-hidden />} onClick={() => setCheckingIn(true)} data-testid="rental-checkin">
              {t('rentals.checkIn')}
            </Button>
          ) : null}
          {rental.abilities.uploadAgreement ? (
            <Button icon={<FileProtectOutlined aria-hidden />} onClick={() => setUploading(true)} data-testid="rental-agreement-upload">
              {t('rentals.uploadAgreement')}
            </Button>
          ) : null}
          {rental.abilities.edit ? (
            <Button icon={<EditOutlined aria-hidden />} onClick={() => setEditing(rental)} data-testid="rental-edit">
              {t('common.edit')}
            </Button>
          ) : null}
        </Space>
      </div>

      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t('rentals.landlord')}>
            {rental.landlord.name}（{rental.landlord.idNumberMasked ?? t('common.none')}）
          </Descriptions.Item>
          <Descriptions.Item label={t('rentals.phone')}>{rental.landlord.phone ?? rental.landlord.phoneMasked ?? t('common.none')}</Descriptions.Item>
          <Descriptions.Item label={t('rentals.landlordAccount')}>{rental.landlordUser?.displayName ?? t('rentals.noAccount')}</Descriptions.Item>
          <Descriptions.Item label={t('rentals.community')}>{rental.communityName ?? rental.jurisdictionName}</Descriptions.Item>
          <Descriptions.Item label={t('rentals.occupancyLabel')}>{t('rentals.occupancy', { n: rental.currentTenants, limit: rental.occupantLimit })}</Descriptions.Item>
          <Descriptions.Item label={t('rentals.registeredOn')}>{rental.registeredOn}</Descriptions.Item>
          <Descriptions.Item label={t('rentals.status')}>{t(rental.status === 'active' ? 'rentals.status.active' : 'rentals.status.withdrawn')}</Descriptions.Item>
        </Descriptions>
      </Card>

      <Card size="small" title={t('rentals.tenancies')} style={{ marginBottom: 16 }}>
        <Table<Tenancy> rowKey="id" size="small" columns={tenancyColumns} dataSource={rental.tenancies} pagination={false} scroll={{ x: 'max-content' }} data-testid="tenancies-table" />
      </Card>

      <Card size="small" title={t('rentals.agreements')}>
        <Table<Agreement> rowKey="id" size="small" columns={agreementColumns} dataSource={rental.agreements} pagination={false} scroll={{ x: 'max-content' }} locale={{ emptyText: t('rentals.flag.agreement_missing') }} data-testid="agreements-table" />
      </Card>

      <CheckInModal rentalId={checkingIn ? rental.id : null} address={rental.address} onClose={() => setCheckingIn(false)} onDone={done} />
      <CheckOutModal tenancy={checkOut} onClose={() => setCheckOut(null)} onDone={done} />
      <AgreementModal rentalId={uploading ? rental.id : null} onClose={() => setUploading(false)} onDone={done} />
      <EditRentalModal rental={editing} onClose={() => setEditing(null)} onDone={done} />
    </div>
  );
}
