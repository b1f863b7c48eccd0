import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Drawer, Empty, List, Popover, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../app/i18n/I18nProvider';
import { useIsNarrow } from '../../app/useMediaQuery';
import { notificationsApi, type AppNotification } from './myday.api';
import { mydayText, type MyDayTextKey } from './myday.text';

const POLL_MS = 60_000;

/** The header bell: the signed-in user's unread count, and a list of reminders and escalations that open their record. */
export function NotificationBell({ light = false }: { light?: boolean }) {
  const { lang, dateTime } = useI18n();
  const tx = (key: MyDayTextKey, p?: Record<string, string | number>) => mydayText(lang, key, p);
  const navigate = useNavigate();
  const narrow = useIsNarrow();
  const { showError } = useFeedback();
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<AppNotification[]>([]);
  const [unread, setUnread] = useState(0);

  const load = useCallback((signal?: AbortSignal) => {
    notificationsApi
      .list(signal)
      .then((r) => {
        setItems(r.items);
        setUnread(r.unread);
      })
      // The bell is a convenience: a failed poll waits for the next one.
      .catch(() => undefined);
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal);
    const timer = setInterval(() => load(), POLL_MS);
    return () => {
      controller.abort();
      clearInterval(timer);
    };
  }, [load]);

  const toggle = (next: boolean) => {
    setOpen(next);
    if (next) load();
  };

  const openItem = (n: AppNotification) => {
    setOpen(false);
    if (!n.readAt) {
      notificationsApi
        .read(n.id)
        .then((r) => {
          setUnread(r.unread);
          setItems((list) => list.map((x) => (x.id === n.id ? { ...x, readAt: new Date().toISOString() } : x)));
        })
        .catch(showError);
    }
    if (n.link) void navigate(n.link);
  };

  const readAll = () => {
    notificationsApi
      .readAll()
      .then(() => {
        setUnread(0);
        setItems((list) => list.map((x) => ({ ...x, readAt: x.readAt ?? new Date().toISOString() })));
      })
      .catch(showError);
  };

  const content = (
    <div style={narrow ? undefined : { width: 360 }} data-testid="notifications-list">
      <List<AppNotification>
        size="small"
        dataSource={items}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tx('noNotifications')} /> }}
        style={narrow ? undefined : { maxHeight: 420, overflowY: 'auto' }}
        renderItem={(n) => (
          <List.Item style={{ padding: 0 }}>
            <Button
              type="text"
              block
              onClick={() => openItem(n)}
              style={{ height: 'auto', textAlign: 'left', whiteSpace: 'normal', padding: '8px 4px' }}
              data-testid={`notification-${n.id}`}
            >
              <span style={{ display: 'block' }}>
                {!n.readAt && <Badge status="processing" style={{ marginRight: 6 }} />}
                <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
                {n.body && (
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                    {n.body}
                  </Typography.Text>
                )}
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {dateTime(n.createdAt)}
                </Typography.Text>
              </span>
            </Button>
          </List.Item>
        )}
      />
    </div>
  );

  const label = unread > 0 ? tx('notificationsUnread', { n: unread }) : tx('notifications');
  const title = (
    <span style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
      {tx('notifications')}
      <Button size="small" type="link" onClick={readAll} disabled={unread === 0} data-testid="notifications-read-all">
        {tx('readAll')}
      </Button>
    </span>
  );
  const bell = (
    <Button
      type="text"
      aria-label={label}
      aria-haspopup="dialog"
      aria-expanded={open}
      onClick={narrow ? () => toggle(true) : undefined}
      data-testid="notification-bell"
      style={light ? { color: 'inherit' } : undefined}
    >
      <Badge count={unread} size="small" overflowCount={99}>
        <BellOutlined aria-hidden style={{ fontSize: 18, color: 'inherit' }} />
      </Badge>
    </Button>
  );
  // A phone gets the list in a drawer across the screen; a desktop in a popover under the bell.
  if (narrow) {
    return (
      <>
        {bell}
        <Drawer placement="right" size={Math.min(360, window.innerWidth)} open={open} onClose={() => toggle(false)} title={title}>
          {content}
        </Drawer>
      </>
    );
  }
  return (
    <Popover open={open} onOpenChange={toggle} trigger="click" placement="bottomRight" title={title} content={content}>
      {bell}
    </Popover>
  );
}
