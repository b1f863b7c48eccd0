import { Alert, Card, Col, Row, Skeleton, Typography } from 'antd';
import { useMemo } from 'react';
import { JurisdictionMap } from '../../../app/components/JurisdictionMap';
import { useSession } from '../../../app/auth';
import { errorText } from '../../../app/feedback';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useQuery } from '../../../app/useQuery';
import { orgApi } from '../../org/org.api';
import { FigureCards } from '../components/FigureCards';
import { UsersByRoleChart } from '../components/UsersByRoleChart';
import { homeApi } from '../home.api';

export default function HomePage() {
  const { t } = useI18n();
  const { me, may } = useSession();
  const summary = useQuery((signal) => homeApi.summary(signal), []);
  const canSeeOrg = may('org.view');
  const jurisdictions = useQuery(
    (signal) => (canSeeOrg ? orgApi.list(true, signal) : Promise.resolve({ items: [] })),
    [canSeeOrg],
  );
  const shapes = useMemo(() => jurisdictions.data?.items ?? [], [jurisdictions.data]);
  const jurisdictionName = summary.data?.jurisdiction.name ?? me.jurisdiction.name;
  const byRole = summary.data?.usersByRole ?? [];
  const hasMapData = shapes.some((s) => s.boundary || (s.centerLat !== null && s.centerLon !== null));

  return (
    <div>
      <div className="fq-page-head">
        <div>
          <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }} data-testid="home-greeting">
            {t('home.greeting', { name: me.displayName })}
          </Typography.Title>
          <Typography.Text type="secondary">{t('home.jurisdiction', { name: jurisdictionName })}</Typography.Text>
        </div>
      </div>

      {summary.error ? (
        <Alert type="error" showIcon title={errorText(summary.error, t)} style={{ marginBottom: 16 }} />
      ) : null}

      <section aria-label={t('home.figures')} style={{ marginBottom: 16 }}>
        {summary.loading && !summary.data ? <Skeleton active /> : <FigureCards figures={summary.data?.figures ?? []} />}
      </section>

      <Row gutter={[16, 16]}>
        {canSeeOrg && (
          <Col xs={24} lg={byRole.length > 0 ? 14 : 24}>
            <Card title={t('home.map')} size="small">
              {jurisdictions.error ? (
                <Alert type="error" showIcon title={errorText(jurisdictions.error, t)} />
              ) : !jurisdictions.loading && !hasMapData ? (
                <Alert type="info" showIcon title={t('home.noMapData')} />
              ) : (
                <JurisdictionMap
                  shapes={shapes}
                  highlightId={summary.data?.jurisdiction.id ?? me.jurisdiction.id}
                  height={380}
                  data-testid="home-map"
                />
              )}
            </Card>
          </Col>
        )}
        {byRole.length > 0 && (
          <Col xs={24} lg={canSeeOrg ? 10 : 24}>
            <Card title={t('home.usersByRole')} size="small">
              <UsersByRoleChart data={byRole} />
            </Card>
          </Col>
        )}
      </Row>
    </div>
  );
}
