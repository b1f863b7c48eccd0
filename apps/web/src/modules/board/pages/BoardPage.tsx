import { Alert, Badge, Button, Card, Empty, Select, Space, Spin, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { errorText } from '../../../app/feedback';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useIsNarrow } from '../../../app/useMediaQuery';
import { INCIDENT_KINDS, type IncidentKind } from '../../incidents/incidents.api';
import { KIND_COLORS, KIND_LABELS, STATUS_COLORS, STATUS_LABELS } from '../../incidents/incidents.text';
import { applyBoardEvent, boardApi, type Board, type BoardEvent, type BoardFilters, type BoardIncident, type BoardWarning } from '../board.api';
import { boardText, LEVEL_COLORS, LEVEL_LABELS, STREAM_LABELS, WARNING_STATUS_LABELS, type BoardTextKey } from '../board.text';
import { BoardMap } from '../components/BoardMap';
import { useBoardStream, type StreamState } from '../useBoardStream';
import './board.css';

/** How long a newly arrived incident or warning stays highlighted. */
const FRESH_MS = 60_000;
const DAY_MS = 24 * 60 * 60 * 1000;
const BADGE: Record<StreamState, 'success' | 'processing' | 'error'> = { live: 'success', connecting: 'processing', offline: 'error' };

function useFreshIds(): [ReadonlySet<number>, (id: number) => void] {
  const [ids, setIds] = useState<ReadonlySet<number>>(new Set());
  const mark = useCallback((id: number) => {
    setIds((prev) => new Set(prev).add(id));
    setTimeout(() => {
      setIds((prev) => {
        const next = new Set(prev);
        next.delete(id);
        return next;
      });
    }, FRESH_MS);
  }, []);
  return [ids, mark];
}

/** 指挥大屏: today's incidents on a list and a map, and the open warnings, kept current by server-sent events. */
export default function BoardPage() {
  const { t, lang } = useI18n();
  const narrow = useIsNarrow();
  const tx = (key: BoardTextKey, params?: Record<string, string | number>) => boardText(lang, key, params);
  const [filters, setFilters] = useState<BoardFilters>({});
  const filtersRef = useRef(filters);
  filtersRef.current = filters;
  const [board, setBoard] = useState<Board | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [version, setVersion] = useState(0);
  // Events that arrive while the board loads are applied on top of what the load returns.
  const loading = useRef(true);
  const queued = useRef<BoardEvent[]>([]);
  const [freshIncidents, markIncident] = useFreshIds();
  const [freshWarnings, markWarning] = useFreshIds();
  const reload = useCallback(() => setVersion((v) => v + 1), []);

  useEffect(() => {
    const controller = new AbortController();
    loading.current = true;
    queued.current = [];
    boardApi
      .get(filters, controller.signal)
      .then((data) => {
        if (controller.signal.aborted) return;
        const next = queued.current.reduce((b, e) => applyBoardEvent(b, e, filters), data);
        queued.current = [];
        loading.current = false;
        setBoard(next);
        setError(null);
      })
      .catch((err: unknown) => {
        if (controller.signal.aborted) return;
        loading.current = false;
        setError(err);
      });
    return () => controller.abort();
  }, [filters, version]);

  const stream = useBoardStream({
    onEvent: (event) => {
      if (event.data.truncated) return reload();
      if (loading.current) queued.current.push(event);
      else setBoard((prev) => (prev ? applyBoardEvent(prev, event, filtersRef.current) : prev));
      if (event.type === 'incident.created') markIncident(event.data.id);
      if (event.type === 'warning.raised' || event.type === 'warning.upgraded') markWarning(event.data.id);
    },
    onResync: reload,
  });

  // A new day starts an empty board.
  useEffect(() => {
    if (!board) return;
    const timer = setInterval(() => {
      if (Date.now() >= Date.parse(board.since) + DAY_MS) reload();
    }, 60_000);
    return () => clearInterval(timer);
  }, [board, reload]);

  const time = useMemo(() => new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }), [lang]);

  const focusIncident = (id: number) => {
    const item = document.getElementById(`board-incident-${id}`);
    item?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    item?.querySelector<HTMLAnchorElement>('a')?.focus({ preventScroll: true });
  };

  const incidents = board?.incidents ?? [];
  const warnings = board?.warnings ?? [];
  const unlocated = incidents.filter((i) => i.lat === null || i.lon === null).length;

  const incidentItem = (i: BoardIncident) => {
    const isNew = freshIncidents.has(i.id);
    return (
      <li key={i.id} id={`board-incident-${i.id}`} className={isNew ? 'is-new' : undefined} data-testid={`board-incident-${i.id}`} data-new={isNew ? 'true' : 'false'}>
        <div className="fq-board-line">
          <time className="fq-board-time" dateTime={i.receivedAt}>
            {time.format(new Date(i.receivedAt))}
          </time>
          <Tag color={KIND_COLORS[i.kind]}>{i.categoryName}</Tag>
          <Tag color={STATUS_COLORS[i.status]}>{STATUS_LABELS[i.status][lang]}</Tag>
          {isNew && <Tag color="red">{tx('new')}</Tag>}
        </div>
        <Link to={`/incidents/${i.id}`} className="fq-board-summary">
          {i.summary}
        </Link>
        <div className="fq-board-meta">{[i.addressText, i.jurisdictionName, i.stationName !== i.jurisdictionName ? i.stationName : null].filter(Boolean).join(' · ')}</div>
      </li>
    );
  };

  const warningItem = (w: BoardWarning) => {
    const isNew = freshWarnings.has(w.id);
    const colors = LEVEL_COLORS[w.level];
    return (
      <li
        key={w.id}
        className={`fq-board-warning${isNew ? ' is-new' : ''}`}
        style={{ borderLeftColor: colors.edge }}
        data-testid={`board-warning-${w.id}`}
        data-level={w.level}
        data-new={isNew ? 'true' : 'false'}
      >
        <div className="fq-board-line">
          <Tag color={colors.tag}>{LEVEL_LABELS[w.level][lang]}</Tag>
          <Tag>{WARNING_STATUS_LABELS[w.status][lang]}</Tag>
          {w.source === 'repeat' && <Typography.Text type="secondary">{tx('incidents', { count: w.incidentCount })}</Typography.Text>}
          {isNew && <Tag color="red">{tx('new')}</Tag>}
        </div>
        <Link to={`/warnings/${w.id}`} className="fq-board-summary">
          {w.reason}
        </Link>
        <div className="fq-board-meta">
          {[w.jurisdictionName, `${tx('owner')}：${w.ownerName ?? tx('unassigned')}`, `${tx('deadline')}：${w.deadline}`].join(' · ')}
        </div>
      </li>
    );
  };

  return (
    <div>
      <div className="fq-page-head">
        <Typography.Title level={1}>{tx('title')}</Typography.Title>
        <span aria-live="polite" data-testid="board-live" data-state={stream}>
          <Badge status={BADGE[stream]} text={STREAM_LABELS[stream][lang]} />
        </span>
      </div>
      <Typography.Paragraph type="secondary">{tx('intro')}</Typography.Paragraph>
      <div className="fq-toolbar" role="search" aria-label={tx('filters')}>
        {(board?.stations.length ?? 0) > 1 && (
          <Select<number>
            allowClear
            placeholder={tx('allStations')}
            aria-label={tx('station')}
            value={filters.stationId}
            onChange={(stationId) => setFilters((f) => ({ ...f, stationId }))}
            options={(board?.stations ?? []).map((s) => ({ value: s.id, label: s.name }))}
            style={{ width: narrow ? 'calc(50% - 4px)' : 180, maxWidth: '100%' }}
            data-testid="board-station"
          />
        )}
        <Select<IncidentKind>
          allowClear
          placeholder={tx('allKinds')}
          aria-label={tx('kind')}
          value={filters.category}
          onChange={(category) => setFilters((f) => ({ ...f, category }))}
          options={INCIDENT_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k][lang] }))}
          style={{ width: narrow ? 'calc(50% - 4px)' : 140, maxWidth: '100%' }}
          data-testid="board-kind"
        />
      </div>
      {error ? (
        <Alert
          type="error"
          showIcon
          title={`${tx('loadFailed')}：${errorText(error, t)}`}
          action={
            <Button size="small" onClick={reload}>
              {tx('retry')}
            </Button>
          }
          style={{ marginBottom: 16 }}
        />
      ) : null}
      {!board && !error ? (
        <Spin style={{ display: 'block', margin: '48px auto' }} />
      ) : (
        <div className="fq-board" data-testid="board">
          <Card size="small" className="fq-board-incidents" title={tx('todayCount', { count: incidents.length })} extra={board?.incidentsTruncated ? tx('truncated', { count: incidents.length }) : null}>
            {incidents.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tx('noIncidents')} />
            ) : (
              <div className="fq-board-scroll">
                <ul className="fq-board-list" aria-label={tx('today')} data-testid="board-incidents">
                  {incidents.map(incidentItem)}
                </ul>
              </div>
            )}
          </Card>
          <Card size="small" className="fq-board-warnings" title={tx('warnings', { count: warnings.length })}>
            {warnings.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tx('noWarnings')} />
            ) : (
              <div className="fq-board-scroll">
                <ul className="fq-board-list" data-testid="board-warnings">
                  {warnings.map(warningItem)}
                </ul>
              </div>
            )}
          </Card>
          <div className="fq-board-map">
            <BoardMap areas={board?.areas ?? []} incidents={incidents} fresh={freshIncidents} onSelect={focusIncident} height={narrow ? 320 : 600} />
            {unlocated > 0 && (
              <Space style={{ marginTop: 4 }}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {tx('noLocation', { count: unlocated })}
                </Typography.Text>
              </Space>
            )}
          </div>
        </div>
      )}
    </div>
  );
}
