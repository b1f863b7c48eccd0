import {
  ApartmentOutlined,
  BankOutlined,
  BorderOutlined,
  HomeOutlined,
  SafetyOutlined,
  SolutionOutlined,
  TeamOutlined,
  WifiOutlined,
} from '@ant-design/icons';
import { Card, Col, Row, Statistic } from 'antd';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { isMessageKey } from '../../../app/i18n/messages';

const ICONS: Record<string, typeof BankOutlined> = {
  stations: BankOutlined,
  communities: ApartmentOutlined,
  villages: HomeOutlined,
  grids: BorderOutlined,
  policeRooms: SafetyOutlined,
  departments: SolutionOutlined,
  users: TeamOutlined,
  activeSessions: WifiOutlined,
};

/** One card per figure; a key this version does not know yet is shown by its name. */
export function FigureCards({ figures }: { figures: readonly { key: string; value: number }[] }) {
  const { t } = useI18n();
  return (
    <Row gutter={[12, 12]}>
      {figures.map(({ key, value }) => {
        const labelKey = `figure.${key}`;
        const label = isMessageKey(labelKey) ? t(labelKey) : key;
        const Icon = ICONS[key];
        return (
          <Col key={key} xs={12} sm={8} md={6} xl={6} xxl={3}>
            <Card size="small" data-testid={`figure-${key}`}>
              <Statistic
                title={label}
                value={value}
                prefix={Icon ? <Icon aria-hidden /> : undefined}
                valueRender={(node) => <span data-testid={`figure-${key}-value`}>{node}</span>}
              />
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}
