import { Card, Col, Row, Statistic, Tag } from 'antd';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { RENTAL_FLAGS, type RentalDashboard, type RentalFlag } from '../rentals.api';
import { FLAG_COLORS, FLAG_LABELS } from '../rentals.labels';

/** 底数清、情况明: the totals, then one card per community or village with its flags as filters. */
export function DashboardCards({ board, onPick }: { board: RentalDashboard; onPick: (communityId: number | null, flag: RentalFlag | undefined) => void }) {
  const { t } = useI18n();
  const totals = board.totals;
  const figures = [
    { key: 'houses', label: t('rentals.fig.houses'), value: totals.rentalHouses },
    { key: 'tenants', label: t('rentals.fig.tenants'), value: totals.currentTenants },
    { key: 'pending', label: t('rentals.fig.pending'), value: totals.pendingVerification },
    { key: 'unverified', label: t('rentals.fig.unverified', { days: board.rules.unverifiedDays }), value: totals.unverified },
    { key: 'flagged', label: t('rentals.fig.flagged'), value: totals.flaggedHouses },
    { key: 'expiring', label: t('rentals.fig.expiring', { days: board.rules.agreementWarningDays }), value: totals.agreementsExpiring },
  ];
  return (
    <>
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        {figures.map((f) => (
          <Col key={f.key} xs={12} sm={8} lg={4}>
            <Card size="small" data-testid={`rentals-total-${f.key}`}>
              <Statistic title={f.label} value={f.value} />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[12, 12]}>
        {board.communities.map((c) => (
          <Col key={c.communityId ?? 'none'} xs={24} sm={12} xl={8} xxl={6}>
            <Card
              size="small"
              className="fq-rental-community-card"
              title={c.name}
              data-testid={`rentals-community-${c.communityId ?? 'none'}`}
              extra={
                <a onClick={() => onPick(c.communityId, undefined)} role="button" tabIndex={0}>
                  {t('rentals.showList')}
                </a>
              }
            >
              <Row gutter={8}>
                <Col span={8}>
                  <Statistic title={t('rentals.fig.houses')} value={c.rentalHouses} styles={{ content: { fontSize: 20 } }} />
                </Col>
                <Col span={8}>
                  <Statistic title={t('rentals.fig.tenants')} value={c.currentTenants} styles={{ content: { fontSize: 20 } }} />
                </Col>
                <Col span={8}>
                  <Statistic title={t('rentals.fig.pending')} value={c.pendingVerification} styles={{ content: { fontSize: 20 } }} />
                </Col>
              </Row>
              <div style={{ marginTop: 8, display: 'flex', flexWrap: 'wrap', gap: 4 }}>
                {RENTAL_FLAGS.filter((f) => c.flagged[f] > 0).map((f) => (
                  <Tag key={f} color={FLAG_COLORS[f]} style={{ cursor: 'pointer' }} onClick={() => onPick(c.communityId, f)} data-testid={`rentals-community-${c.communityId ?? 'none'}-${f}`}>
                    {t(FLAG_LABELS[f])} {c.flagged[f]}
                  </Tag>
                ))}
                {c.flaggedHouses === 0 ? <Tag color="green">{t('rentals.flag.none')}</Tag> : null}
              </div>
            </Card>
          </Col>
        ))}
      </Row>
    </>
  );
}
