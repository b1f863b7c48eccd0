import { DeleteOutlined, LockOutlined, PlusOutlined, UserAddOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Empty, Popconfirm, Space, Spin, Tag, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useSession } from '../../../app/auth';
import { useFeedback } from '../../../app/feedback';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useQuery } from '../../../app/useQuery';
import { IdentityNumber } from '../../people/components/IdentityNumber';
import type { CasePanelProps } from '../casePanel';
import { EducationModal, RegisterPersonModal, RelationModal } from './BFileForms';
import { caseFilesApi, EDUCATION_TOPICS, type BFile, type BFileParty, type BFilePerson, type Relation } from './caseFiles.api';
import { label, RELATION_LABELS, text, TOPIC_LABELS, type TextKey } from './caseFiles.text';

type Dialog = { kind: 'register'; partyId: number; hasIdNumber: boolean } | { kind: 'relation'; personId: number } | { kind: 'education'; personId: number } | null;

function Section({ title, extra, children }: { title: string; extra?: ReactNode; children: ReactNode }) {
  return (
    <section style={{ marginTop: 12 }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, flexWrap: 'wrap', marginBottom: 4 }}>
        <Typography.Text strong>{title}</Typography.Text>
        {extra}
      </div>
      {children}
    </section>
  );
}

function RelationLine({ relation, onRemove }: { relation: Relation; onRemove: (() => void) | null }) {
  const { lang } = useI18n();
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 8, padding: '4px 0', flexWrap: 'wrap' }} data-testid="bfile-relation">
      <Tag>{label(RELATION_LABELS, lang, relation.relation)}</Tag>
      {relation.relatedPersonId ? <Link to={`/people/${relation.relatedPersonId}`}>{relation.name}</Link> : <span>{relation.name}</span>}
      {relation.sameHousehold ? <Tag color="purple">{text(lang, 'relationSameHousehold')}</Tag> : null}
      {relation.phone ? <Typography.Text type="secondary">{relation.phone}</Typography.Text> : null}
      {relation.note ? <Typography.Text type="secondary">{relation.note}</Typography.Text> : null}
      {onRemove ? (
        <Popconfirm title={text(lang, 'relationRemoveConfirm', { name: relation.name })} onConfirm={onRemove} okText={text(lang, 'relationRemove')} cancelText={text(lang, 'cancel')}>
          <Button type="text" size="small" danger icon={<DeleteOutlined aria-hidden />} aria-label={`${text(lang, 'relationRemove')} ${relation.name}`} data-testid="bfile-relation-remove" />
        </Popconfirm>
      ) : null}
    </div>
  );
}

function PersonBody({ person, file, caseId, open, reload }: { person: BFilePerson; file: BFile; caseId: number; open: (d: Dialog) => void; reload: () => void }) {
  const { lang, date } = useI18n();
  const { showError, message } = useFeedback();
  const edit = file.abilities.edit;
  const reg = person.registration;
  const covered = new Set(person.education.map((e) => e.topic));
  const missing = EDUCATION_TOPICS.filter((k) => !covered.has(k));
  const remove = (r: Relation) =>
    caseFilesApi
      .removeRelation(caseId, r.id)
      .then(() => {
        void message.success(text(lang, 'relationRemoved'));
        reload();
      })
      .catch(showError);
  const none = <Typography.Text type="secondary">{text(lang, 'none')}</Typography.Text>;

  return (
    <>
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered={false}>
        <Descriptions.Item label={text(lang, 'idNumber')}>
          <IdentityNumber personId={person.id} masked={person.idNumberMasked} canView={file.abilities.viewIdentity && person.inScope} />
        </Descriptions.Item>
        <Descriptions.Item label={text(lang, 'gender')}>{person.gender ? text(lang, `gender_${person.gender}` as TextKey) : '—'}</Descriptions.Item>
        <Descriptions.Item label={text(lang, 'birthDate')}>{person.birthDate ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={text(lang, 'ethnicity')}>{person.ethnicityName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={text(lang, 'phone')}>{person.phone ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={text(lang, 'category')}>{text(lang, `category_${person.category}` as TextKey)}</Descriptions.Item>
        <Descriptions.Item label={text(lang, 'householdPlace')}>{person.householdPlace ?? '—'}</Descriptions.Item>
      </Descriptions>

      <Section title={text(lang, 'registration')}>
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={text(lang, 'standardAddress')}>{reg.address?.name ?? none}</Descriptions.Item>
          <Descriptions.Item label={text(lang, 'house')}>
            {reg.house ? <Link to={`/houses/${reg.house.id}`}>{reg.house.ownerName ? text(lang, 'houseOwner', { name: reg.house.ownerName }) : `#${reg.house.id}`}</Link> : none}
          </Descriptions.Item>
          <Descriptions.Item label={text(lang, 'tenancy')}>
            {reg.tenancy
              ? text(lang, 'tenancyLine', { address: reg.tenancy.addressName, landlord: reg.tenancy.landlordName, date: date(reg.tenancy.checkIn), verified: reg.tenancy.verified ? text(lang, 'verified') : '' })
              : none}
          </Descriptions.Item>
          <Descriptions.Item label={text(lang, 'workUnit')}>{reg.workUnits.length ? reg.workUnits.map((u) => u.name).join('、') : none}</Descriptions.Item>
        </Descriptions>
      </Section>

      <Section title={text(lang, 'household')}>
        {person.household.members.length === 0 && person.household.coResidents.length === 0 ? none : null}
        {person.household.members.map((r) => (
          <RelationLine key={r.id} relation={r} onRemove={null} />
        ))}
        {person.household.coResidents.length > 0 ? (
          <div style={{ marginTop: 4 }}>
            <Typography.Text type="secondary">{text(lang, 'coResidents')}：</Typography.Text>
            {person.household.coResidents.map((c) => (
              <Tag key={c.personId} style={{ marginBottom: 4 }}>
                <Link to={`/people/${c.personId}`}>{c.name}</Link> {c.idNumberMasked ? <span style={{ fontFamily: 'monospace' }}>{c.idNumberMasked}</span> : null}
              </Tag>
            ))}
          </div>
        ) : null}
      </Section>

      <Section
        title={text(lang, 'relations')}
        extra={
          edit ? (
            <Button size="small" icon={<PlusOutlined aria-hidden />} onClick={() => open({ kind: 'relation', personId: person.id })} data-testid="bfile-relation-add">
              {text(lang, 'relationAdd')}
            </Button>
          ) : null
        }
      >
        {person.relations.length === 0 ? none : person.relations.map((r) => <RelationLine key={r.id} relation={r} onRemove={edit ? () => void remove(r) : null} />)}
      </Section>

      <Section
        title={text(lang, 'education')}
        extra={
          edit ? (
            <Button size="small" icon={<PlusOutlined aria-hidden />} onClick={() => open({ kind: 'education', personId: person.id })} data-testid="bfile-education-add">
              {text(lang, 'educationAdd')}
            </Button>
          ) : null
        }
      >
        {person.education.length === 0 ? <Typography.Text type="secondary">{text(lang, 'educationNone')}</Typography.Text> : null}
        {person.education.map((e) => (
          <div key={e.id} style={{ padding: '2px 0' }} data-testid="bfile-education">
            <Tag color="green">{label(TOPIC_LABELS, lang, e.topic)}</Tag>
            <span>{date(e.deliveredOn)}</span> <Typography.Text type="secondary">{e.deliveredByName}</Typography.Text>
            {e.note ? <Typography.Text type="secondary"> · {e.note}</Typography.Text> : null}
          </div>
        ))}
        {missing.length > 0 ? (
          <Typography.Text type="warning" style={{ display: 'block', fontSize: 12, marginTop: 4 }}>
            {text(lang, 'missingTopics', { topics: missing.map((k) => label(TOPIC_LABELS, lang, k)).join('、') })}
          </Typography.Text>
        ) : null}
      </Section>
    </>
  );
}

function PartyCard({ party, file, caseId, open, reload }: { party: BFileParty; file: BFile; caseId: number; open: (d: Dialog) => void; reload: () => void }) {
  const { lang } = useI18n();
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      title={
        <Space size={6} wrap>
          <Tag color={party.side === 'applicant' ? 'blue' : party.side === 'respondent' ? 'orange' : 'default'}>{text(lang, `side_${party.side}`)}</Tag>
          {party.person ? <Link to={`/people/${party.person.id}`}>{party.name}</Link> : <span>{party.name}</span>}
        </Space>
      }
      data-testid="bfile-party"
    >
      {party.person ? (
        <PersonBody person={party.person} file={file} caseId={caseId} open={open} reload={reload} />
      ) : (
        <Space orientation="vertical" size={8} style={{ width: '100%' }}>
          <Typography.Text type="secondary">{text(lang, 'notLinked')}</Typography.Text>
          {party.idNumberMasked ? <Typography.Text code>{party.idNumberMasked}</Typography.Text> : null}
          {party.phone ? <Typography.Text>{party.phone}</Typography.Text> : null}
          {file.abilities.registerPerson ? (
            <Button icon={<UserAddOutlined aria-hidden />} onClick={() => open({ kind: 'register', partyId: party.id, hasIdNumber: !!party.idNumberMasked })} data-testid="bfile-register">
              {text(lang, 'registerPerson')}
            </Button>
          ) : null}
        </Space>
      )}
    </Card>
  );
}

/**
 * B file (B卷): each party as a person record with registration, household, relations and prevention
 * education. Shown only to roles with 'cases.bfile'; the server refuses everyone else and audits each read.
 */
export function CaseBFilePanel({ caseId }: CasePanelProps) {
  const { lang } = useI18n();
  const { may } = useSession();
  const allowed = may('cases.bfile');
  const [dialog, setDialog] = useState<Dialog>(null);
  const file = useQuery((signal) => (allowed ? caseFilesApi.bfile(caseId, signal) : Promise.resolve(null)), [caseId, allowed]);
  if (!allowed) return null;
  const done = () => {
    setDialog(null);
    file.reload();
  };

  return (
    <div data-testid="case-bfile-panel">
      <Alert type="warning" showIcon icon={<LockOutlined aria-hidden />} title={text(lang, 'bfileNote')} style={{ marginBottom: 12 }} />
      {file.loading && !file.data ? <Spin /> : null}
      {file.error ? (
        <Alert
          type="error"
          showIcon
          title={text(lang, 'loadFailed')}
          action={
            <Button size="small" onClick={file.reload}>
              {text(lang, 'reload')}
            </Button>
          }
        />
      ) : null}
      {file.data && file.data.parties.length === 0 ? <Empty description={text(lang, 'bfileEmpty')} image={Empty.PRESENTED_IMAGE_SIMPLE} /> : null}
      {file.data?.parties.map((p) => <PartyCard key={p.id} party={p} file={file.data!} caseId={caseId} open={setDialog} reload={file.reload} />)}
      <RegisterPersonModal caseId={caseId} partyId={dialog?.kind === 'register' ? dialog.partyId : 0} hasIdNumber={dialog?.kind === 'register' && dialog.hasIdNumber} open={dialog?.kind === 'register'} onClose={() => setDialog(null)} onDone={done} />
      <RelationModal caseId={caseId} personId={dialog?.kind === 'relation' ? dialog.personId : 0} open={dialog?.kind === 'relation'} onClose={() => setDialog(null)} onDone={done} />
      <EducationModal caseId={caseId} personId={dialog?.kind === 'education' ? dialog.personId : 0} open={dialog?.kind === 'education'} onClose={() => setDialog(null)} onDone={done} />
    </div>
  );
}
