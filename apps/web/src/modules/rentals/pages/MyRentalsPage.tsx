import { FileProtectOutlined, LogoutOutlined, UserAddOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { errorText } from '../../../app/feedback';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useQuery } from '../../../app/useQuery';
import { AgreementModal } from '../components/AgreementModal';
import { CheckInModal } from '../components/CheckInModal';
import { CheckOutModal } from '../components/CheckOutModal';
import { FlagTags } from '../components/FlagTags';
import { TenancyStateTag } from '../components/TenancyStateTag';
import { rentalsApi, type RentalDetail, type Tenancy } from '../rentals.api';
import { AGREEMENT_COLORS, AGREEMENT_LABELS } from '../rentals.labels';
import './rentals.css';

/**
 * 我的出租房: the landlord's phone app. "人来登记，人去注销" in two big buttons per house; the
 * officer verifies what the landlord reports.
 */
export default function MyRentalsPage() {
  const { t } = useI18n();
  const mine = useQuery((signal) => rentalsApi.mine(signal), []);
  const [checkInTo, setCheckInTo] = useState<RentalDetail | null>(null);
  const [checkOut, setCheckOut] = useState<Tenancy | null>(null);
  const [agreementFor, setAgreementFor] = useState<number | null>(null);

  const done = () => {
    setCheckInTo(null);
    setCheckOut(null);
    setAgreementFor(null);
    mine.reload();
  };

  return (
    <div className="fq-my-rentals">
      <Typography.Title level={1} style={{ fontSize: 20, margin: '0 0 4px' }}>
        {t('rentals.myTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
        {t('rentals.myIntro')}
      </Typography.Paragraph>
      {mine.error ? <Alert type="error" showIcon title={errorText(mine.error, t)} style={{ marginBottom: 12 }} /> : null}
      {mine.loading && !mine.data ? <Skeleton active /> : null}
      {mine.data && mine.data.items.length === 0 ? <Empty description={t('rentals.myEmpty')} /> : null}
      <Flex vertical gap={12}>
        {mine.data?.items.map((house) => (
          <HouseCard key={house.id} house={house} onCheckIn={() => setCheckInTo(house)} onCheckOut={setCheckOut} onAgreement={() => setAgreementFor(house.id)} />
        ))}
      </Flex>
      <CheckInModal rentalId={checkInTo?.id ?? null} address={checkInTo?.address} onClose={() => setCheckInTo(null)} onDone={done} large />
      <CheckOutModal tenancy={checkOut} onClose={() => setCheckOut(null)} onDone={done} large />
      <AgreementModal rentalId={agreementFor} onClose={() => setAgreementFor(null)} onDone={done} large />
    </div>
  );
}

function HouseCard({ house, onCheckIn, onCheckOut, onAgreement }: { house: RentalDetail; onCheckIn: () => void; onCheckOut: (t: Tenancy) => void; onAgreement: () => void }) {
  const { t } = useI18n();
  const current = house.tenancies.filter((x) => x.checkOut === null);
  const left = house.tenancies.filter((x) => x.checkOut !== null);
  const agreement = house.agreements[0] ?? null;
  return (
    <Card size="small" data-testid={`my-rental-${house.id}`} className="fq-my-rental-card">
      <Typography.Text strong style={{ fontSize: 16, display: 'block' }}>
        {house.address}
      </Typography.Text>
      <div style={{ margin: '8px 0' }}>
        <FlagTags flags={house.flags} />
      </div>
      <Flex gap={8} wrap style={{ marginBottom: 8 }}>
        <Tag color={current.length > house.occupantLimit ? 'magenta' : 'blue'}>{t('rentals.occupancy', { n: current.length, limit: house.occupantLimit })}</Tag>
        {agreement ? (
          <Tag color={AGREEMENT_COLORS[agreement.status]}>
            {t('rentals.agreementShort')} {t(AGREEMENT_LABELS[agreement.status])} · {t('rentals.expiresOnShort', { date: agreement.expiresOn })}
          </Tag>
        ) : null}
      </Flex>

      <Typography.Text type="secondary">{t('rentals.currentTenants')}</Typography.Text>
      {current.length === 0 ? <Typography.Paragraph type="secondary">{t('rentals.noTenants')}</Typography.Paragraph> : null}
      <ul className="fq-tenant-list">
        {current.map((x) => (
          <li key={x.id} data-testid={`my-tenancy-${x.id}`}>
            <div className="fq-tenant-main">
              <Typography.Text strong>{x.person.name}</Typography.Text>
              <Typography.Text type="secondary" className="fq-tenant-id">
                {x.person.idNumberMasked ?? t('common.none')}
              </Typography.Text>
              <span className="fq-tenant-meta">
                {t('rentals.checkedInOn', { date: x.checkIn })} <TenancyStateTag tenancy={x} />
              </span>
            </div>
            {house.abilities.checkOut ? (
              <Button danger size="large" icon={<LogoutOutlined aria-hidden />} onClick={() => onCheckOut(x)} data-testid={`tenant-checkout-${x.id}`} className="fq-touch">
                {t('rentals.checkOut')}
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      {left.length > 0 ? (
        <details className="fq-left-list">
          <summary>{t('rentals.recentlyLeft', { n: left.length })}</summary>
          <ul className="fq-tenant-list">
            {left.map((x) => (
              <li key={x.id} data-testid={`my-tenancy-${x.id}`}>
                <div className="fq-tenant-main">
                  <Typography.Text>{x.person.name}</Typography.Text>
                  <span className="fq-tenant-meta">
                    {t('rentals.stayDates', { from: x.checkIn, to: x.checkOut ?? '' })} <TenancyStateTag tenancy={x} />
                  </span>
                </div>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <Flex vertical gap={8} style={{ marginTop: 12 }}>
        {house.abilities.checkIn ? (
          <Button type="primary" size="large" block icon={<UserAddOutlined aria-hidden />} onClick={onCheckIn} data-testid={`my-checkin-${house.id}`} className="fq-touch">
            {t('rentals.checkIn')}
          </Button>
        ) : null}
        {house.abilities.uploadAgreement ? (
          <Button size="large" block icon={<FileProtectOutlined aria-hidden />} onClick={onAgreement} data-testid={`my-agreement-${house.id}`} className="fq-touch">
            {t('rentals.uploadAgreement')}
          </Button>
        ) : null}
      </Flex>
    </Card>
  );
}
