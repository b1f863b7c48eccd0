import { AlertOutlined, CarryOutOutlined, EnvironmentOutlined, NotificationOutlined, TrophyOutlined } from '@ant-design/icons';
import { Alert, Typography } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { Action } from '@fengqiao/shared';
import { useSession } from '../../../app/auth';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { volunteerText, type VolunteerTextKey } from '../volunteer.text';
import '../volunteer.css';

interface Tile {
  path: string;
  label: VolunteerTextKey;
  hint: VolunteerTextKey;
  icon: ReactNode;
  /** The tile shows when the signed-in role may do this. */
  action: Action;
}

/** The five things a volunteer does on the phone; each page is built by its own module. */
export const VOLUNTEER_TILES: readonly Tile[] = [
  { path: '/v/tasks', label: 'tasks', hint: 'tasksHint', icon: <CarryOutOutlined />, action: 'tasks.own' },
  { path: '/v/tip', label: 'tip', hint: 'tipHint', icon: <AlertOutlined />, action: 'tips.report' },
  { path: '/v/broadcasts', label: 'broadcasts', hint: 'broadcastsHint', icon: <NotificationOutlined />, action: 'broadcasts.receive' },
  { path: '/v/patrol', label: 'patrol', hint: 'patrolHint', icon: <EnvironmentOutlined />, action: 'patrols.checkin' },
  { path: '/v/points', label: 'points', hint: 'pointsHint', icon: <TrophyOutlined />, action: 'points.view' },
];

function useOnline(): boolean {
  const [online, setOnline] = useState(() => (typeof navigator === 'undefined' ? true : navigator.onLine));
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online;
}

/** /v: the volunteer phone app's start page (also the installed app's start_url): five big tiles. */
export default function VolunteerHome() {
  const { lang } = useI18n();
  const { me, may } = useSession();
  const online = useOnline();
  const tx = (key: VolunteerTextKey, p?: Record<string, string | number>) => volunteerText(lang, key, p);
  const tiles = VOLUNTEER_TILES.filter((tile) => may(tile.action));

  return (
    <div className="fq-vapp" data-testid="volunteer-home">
      <Typography.Title level={1} className="fq-vapp-title">
        {tx('greeting', { name: me.displayName })}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{tx('intro')}</Typography.Paragraph>
      {!online && <Alert type="warning" showIcon title={tx('offline')} style={{ marginBottom: 12 }} role="status" />}
      <nav aria-label={tx('title')}>
        <ul className="fq-vapp-tiles">
          {tiles.map((tile) => (
            <li key={tile.path}>
              <Link to={tile.path} className="fq-vapp-tile" data-testid={`vtile-${tile.label}`}>
                <span className="fq-vapp-tile-icon" aria-hidden="true">
                  {tile.icon}
                </span>
                <span className="fq-vapp-tile-label">{tx(tile.label)}</span>
                <span className="fq-vapp-tile-hint">{tx(tile.hint)}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </div>
  );
}
