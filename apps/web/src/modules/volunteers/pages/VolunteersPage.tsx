import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Input, Select, Space, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useSession } from '../../../app/auth';
import { PagedTable } from '../../../app/components/PagedTable';
import { useFeedback } from '../../../app/feedback';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useIsNarrow } from '../../../app/useMediaQuery';
import { useQuery } from '../../../app/useQuery';
import { orgApi } from '../../org/org.api';
import { MemberFormModal } from '../components/MemberFormModal';
import { TeamFormModal } from '../components/TeamFormModal';
import { TrainingTab } from '../components/TrainingTab';
import { TEAM_KINDS, VOLUNTEER_ROLES, VOLUNTEER_STATUSES, volunteersApi, type Team, type TeamKind, type Volunteer, type VolunteerFilters } from '../volunteers.api';
import { ROLE_LABELS, STATUS_COLORS, STATUS_LABELS, TEAM_KIND_LABELS, vtext, type VolunteersTextKey } from '../volunteers.text';

const TABS = ['teams', 'members', 'training'] as const;
type Tab = (typeof TABS)[number];

/** 群防群治: teams, members and training of the viewer's jurisdiction (the API scopes them). */
export default function VolunteersPage() {
  const { lang } = useI18n();
  const tx = (k: VolunteersTextKey, p?: Record<string, string | number>) => vtext(lang, k, p);
  const narrow = useIsNarrow();
  const { may } = useSession();
  const canManage = may('volunteers.manage');
  const { showError, showSuccess } = useFeedback();
  const [params, setParams] = useSearchParams();
  const tab: Tab = TABS.find((x) => x === params.get('tab')) ?? 'teams';

  const jurisdictions = useQuery((signal) => orgApi.list(false, signal), []);
  const jurisdictionItems = useMemo(() => jurisdictions.data?.items ?? [], [jurisdictions.data]);

  // Teams
  const [teamKind, setTeamKind] = useState<TeamKind | undefined>();
  const [teamPage, setTeamPage] = useState({ page: 1, pageSize: 20 });
  const teams = useQuery((signal) => volunteersApi.teams({ kind: teamKind, ...teamPage }, signal), [teamKind, teamPage]);
  const allTeams = useQuery((signal) => volunteersApi.teams({ page: 1, pageSize: 200 }, signal), []);
  const [teamTarget, setTeamTarget] = useState<Team | 'new' | null>(null);

  // Members
  const [filters, setFilters] = useState<VolunteerFilters>({});
  const [search, setSearch] = useState('');
  const [memberPage, setMemberPage] = useState({ page: 1, pageSize: 20 });
  const members = useQuery((signal) => volunteersApi.members({ ...filters, ...memberPage }, signal), [filters, memberPage]);
  const [memberTarget, setMemberTarget] = useState<Volunteer | 'new' | null>(null);
  const [exporting, setExporting] = useState(false);
  const applyFilters = (next: VolunteerFilters) => {
    setFilters(next);
    setMemberPage((p) => ({ ...p, page: 1 }));
  };

  const teamColumns: TableColumnsType<Team> = [
    {
      title: tx('name'),
      key: 'name',
      render: (_: unknown, tm) => (
        <Space size={4} wrap>
          <Typography.Text strong data-testid={`team-row-${tm.id}`}>
            {tm.name}
          </Typography.Text>
          {tm.archived && <Tag>{tx('archived')}</Tag>}
          {narrow && <Tag>{TEAM_KIND_LABELS[tm.kind][lang]}</Tag>}
        </Space>
      ),
    },
    ...(narrow
      ? []
      : [
          { title: tx('kind'), key: 'kind', width: 160, render: (_: unknown, tm: Team) => TEAM_KIND_LABELS[tm.kind][lang] },
          { title: tx('area'), dataIndex: 'jurisdictionName', key: 'area', width: 140 },
          { title: tx('leader'), key: 'leader', width: 100, render: (_: unknown, tm: Team) => tm.leaderName ?? tx('none') },
          { title: tx('phone'), key: 'phone', width: 130, render: (_: unknown, tm: Team) => tm.phone ?? tx('none') },
          { title: tx('unit'), key: 'unit', width: 160, render: (_: unknown, tm: Team) => tm.unitName ?? tx('none') },
        ]),
    {
      title: tx('memberCount'),
      key: 'members',
      width: 90,
      render: (_: unknown, tm) => (
        <Link
          to="/volunteers?tab=members"
          onClick={() => {
            applyFilters({ teamId: tm.id });
          }}
        >
          {tm.memberCount}
        </Link>
      ),
    },
  ];
  if (canManage) {
    teamColumns.push({
      title: '',
      key: 'actions',
      width: 140,
      render: (_: unknown, tm) => (
        <Space size={4}>
          <Button size="small" onClick={() => setTeamTarget(tm)} data-testid={`team-edit-${tm.id}`}>
            {tx('edit')}
          </Button>
          <Button
            size="small"
            onClick={() =>
              volunteersApi
                .updateTeam(tm.id, { archived: !tm.archived })
                .then(() => {
                  showSuccess('common.saved');
                  teams.reload();
                })
                .catch(showError)
            }
          >
            {tm.archived ? tx('restore') : tx('archive')}
          </Button>
        </Space>
      ),
    });
  }

  const memberColumns: TableColumnsType<Volunteer> = narrow
    ? [
        {
          title: tx('members'),
          key: 'card',
          render: (_: unknown, v) => (
            <div data-testid={`member-row-${v.id}`}>
              <Space size={4} wrap>
                <Link to={`/volunteers/${v.id}`} aria-label={tx('viewMember', { name: v.name })}>
                  <Typography.Text strong>{v.name}</Typography.Text>
                </Link>
                <Tag color={STATUS_COLORS[v.status]}>{STATUS_LABELS[v.status][lang]}</Tag>
                <Tag>{ROLE_LABELS[v.role][lang]}</Tag>
              </Space>
              <div style={{ fontSize: 12 }}>
                {v.teamName ?? tx('none')} · {v.jurisdictionName}
              </div>
              {v.phone && <a href={`tel:${v.phone}`}>{v.phone}</a>}
              {canManage && (
                <div>
                  <Button size="small" onClick={() => setMemberTarget(v)}>
                    {tx('edit')}
                  </Button>
                </div>
              )}
            </div>
          ),
        },
      ]
    : [
        { title: tx('personName'), key: 'name', width: 100, render: (_: unknown, v) => (
            <Link to={`/volunteers/${v.id}`} data-testid={`member-row-${v.id}`} aria-label={tx('viewMember', { name: v.name })}>
              {v.name}
            </Link>
          ),
        },
        { title: tx('phone'), key: 'phone', width: 130, render: (_: unknown, v) => v.phone ?? tx('none') },
        { title: tx('role'), key: 'role', width: 120, render: (_: unknown, v) => ROLE_LABELS[v.role][lang] },
        { title: tx('team'), key: 'team', width: 160, render: (_: unknown, v) => v.teamName ?? tx('none') },
        { title: tx('skills'), key: 'skills', width: 160, render: (_: unknown, v) => v.skills.map((s) => <Tag key={s}>{s}</Tag>) },
        { title: tx('area'), dataIndex: 'jurisdictionName', key: 'area', width: 140 },
        { title: tx('status'), key: 'status', width: 90, render: (_: unknown, v) => <Tag color={STATUS_COLORS[v.status]}>{STATUS_LABELS[v.status][lang]}</Tag> },
        { title: tx('account'), key: 'account', width: 110, render: (_: unknown, v) => v.username ?? tx('none') },
        { title: tx('joinedOn'), dataIndex: 'joinedOn', key: 'joinedOn', width: 110 },
        ...(canManage
          ? [
              {
                title: '',
                key: 'actions',
                width: 80,
                render: (_: unknown, v: Volunteer) => (
                  <Button size="small" onClick={() => setMemberTarget(v)} data-testid={`member-edit-${v.id}`}>
                    {tx('edit')}
                  </Button>
                ),
              },
            ]
          : []),
      ];

  const half = narrow ? 'calc(50% - 4px)' : undefined;
  const teamOptions = (allTeams.data?.items ?? []).map((tm) => ({ value: tm.id, label: tm.name }));

  const teamsTab = (
    <div>
      <div className="fq-toolbar" role="search">
        <Select<TeamKind>
          allowClear
          placeholder={tx('kind')}
          aria-label={tx('kind')}
          value={teamKind}
          onChange={(v) => {
            setTeamKind(v);
            setTeamPage((p) => ({ ...p, page: 1 }));
          }}
          options={TEAM_KINDS.map((k) => ({ value: k, label: TEAM_KIND_LABELS[k][lang] }))}
          style={{ width: narrow ? '100%' : 200 }}
          data-testid="teams-kind"
        />
        {canManage && (
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setTeamTarget('new')} data-testid="team-add">
            {tx('addTeam')}
          </Button>
        )}
      </div>
      <PagedTable<Team> list={teams} columns={teamColumns} page={teamPage} onPage={setTeamPage} narrow={narrow} data-testid="teams-table" />
    </div>
  );

  const membersTab = (
    <div>
      <div className="fq-toolbar" role="search">
        <Input.Search
          allowClear
          placeholder={tx('search')}
          aria-label={tx('search')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(q) => applyFilters({ ...filters, q: q.trim() || undefined })}
          style={{ width: narrow ? '100%' : 200 }}
          data-testid="members-search"
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={tx('team')}
          aria-label={tx('team')}
          value={filters.teamId}
          onChange={(v: number | undefined) => applyFilters({ ...filters, teamId: v })}
          options={teamOptions}
          style={{ width: narrow ? '100%' : 200 }}
          data-testid="members-team"
        />
        <Select
          allowClear
          placeholder={tx('role')}
          aria-label={tx('role')}
          value={filters.role}
          onChange={(v) => applyFilters({ ...filters, role: v })}
          options={VOLUNTEER_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r][lang] }))}
          style={{ width: half ?? 140 }}
          data-testid="members-role"
        />
        <Select
          allowClear
          placeholder={tx('status')}
          aria-label={tx('status')}
          value={filters.status}
          onChange={(v) => applyFilters({ ...filters, status: v })}
          options={VOLUNTEER_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s][lang] }))}
          style={{ width: half ?? 110 }}
          data-testid="members-status"
        />
        <Button
          icon={<DownloadOutlined aria-hidden />}
          loading={exporting}
          onClick={() => {
            setExporting(true);
            volunteersApi
              .exportRoster(filters)
              .then(() => showSuccess('common.exported'))
              .catch(showError)
              .finally(() => setExporting(false));
          }}
          data-testid="members-export"
        >
          {tx('export')}
        </Button>
        {canManage && (
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setMemberTarget('new')} data-testid="member-add">
            {tx('addMember')}
          </Button>
        )}
      </div>
      <PagedTable<Volunteer> list={members} columns={memberColumns} page={memberPage} onPage={setMemberPage} narrow={narrow} data-testid="members-table" />
    </div>
  );

  return (
    <div>
      <div className="fq-page-head">
        <Typography.Title level={1}>{tx('title')}</Typography.Title>
        <Link to="/volunteers/points">{tx('points')}</Link>
      </div>
      <Typography.Paragraph type="secondary">{tx('intro')}</Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'teams' ? {} : { tab: key })}
        items={[
          { key: 'teams', label: tx('teams'), children: teamsTab },
          { key: 'members', label: tx('members'), children: membersTab },
          { key: 'training', label: tx('training'), children: <TrainingTab jurisdictions={jurisdictionItems} canManage={canManage} narrow={narrow} /> },
        ]}
      />
      <TeamFormModal
        target={teamTarget}
        jurisdictions={jurisdictionItems}
        onClose={() => setTeamTarget(null)}
        onSaved={() => {
          setTeamTarget(null);
          showSuccess('common.saved');
          teams.reload();
          allTeams.reload();
        }}
      />
      <MemberFormModal
        target={memberTarget}
        jurisdictions={jurisdictionItems}
        teams={allTeams.data?.items ?? []}
        onClose={() => setMemberTarget(null)}
        onSaved={() => {
          setMemberTarget(null);
          showSuccess('common.saved');
          members.reload();
        }}
      />
    </div>
  );
}
