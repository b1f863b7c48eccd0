import { Alert, Button, DatePicker, Drawer, Form, Input, InputNumber, Select, Space, Table, Tag, TimePicker, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { ApiError } from '../../../app/api';
import { errorText, useFeedback } from '../../../app/feedback';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useQuery } from '../../../app/useQuery';
import { JurisdictionSelect } from '../../org/components/JurisdictionSelect';
import { orgApi } from '../../org/org.api';
import { tasksApi, type GuardBand, type GuardPost, type School } from '../tasks.api';
import { BAND_LABELS, clock, taskText, type TaskTextKey } from '../tasks.text';

/** /guard-posts: schools, their posts (officer + two volunteers) and the day's attendance per band. */
export default function GuardPostsPage() {
  const { lang, t } = useI18n();
  const tx = (key: TaskTextKey, p?: Record<string, string | number>) => taskText(lang, key, p);
  const [day, setDay] = useState<Dayjs>(() => dayjs());
  const [drawer, setDrawer] = useState<'school' | 'post' | null>(null);
  const schools = useQuery((signal) => tasksApi.schools(signal), []);
  const posts = useQuery((signal) => tasksApi.posts(day.format('YYYY-MM-DD'), signal), [day]);

  const band = (p: GuardPost, b: GuardBand) => {
    const present = p.attendance.filter((a) => a.band === b);
    return (
      <Space orientation="vertical" size={0}>
        <Tag color={present.length >= 3 ? 'success' : present.length > 0 ? 'warning' : 'default'}>{`${BAND_LABELS[b][lang]} ${tx('present', { n: present.length })}`}</Tag>
        <Typography.Text type="secondary">{present.map((a) => `${a.name} ${clock(a.at)}`).join('、')}</Typography.Text>
      </Space>
    );
  };
  const postColumns: TableColumnsType<GuardPost> = [
    { title: tx('school'), dataIndex: 'schoolName' },
    { title: tx('postName'), dataIndex: 'name' },
    { title: tx('officer'), dataIndex: 'officerName' },
    { title: tx('twoVolunteers'), key: 'vols', render: (_, p) => p.volunteers.map((v) => v.name).join('、') },
    { title: `${BAND_LABELS.opening[lang]}`, key: 'opening', render: (_, p) => <Space orientation="vertical" size={0}><span>{p.openingTime}</span>{band(p, 'opening')}</Space> },
    { title: `${BAND_LABELS.closing[lang]}`, key: 'closing', render: (_, p) => <Space orientation="vertical" size={0}><span>{p.closingTime}</span>{band(p, 'closing')}</Space> },
  ];
  const schoolColumns: TableColumnsType<School> = [
    { title: tx('school'), dataIndex: 'name' },
    { title: tx('jurisdiction'), dataIndex: 'jurisdictionName' },
    { title: tx('address'), dataIndex: 'addressText' },
    { title: tx('openingTime'), dataIndex: 'openingTime' },
    { title: tx('closingTime'), dataIndex: 'closingTime' },
  ];

  return (
    <div data-testid="guard-posts-page">
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {tx('guardTitle')}
        </Typography.Title>
        <Space wrap>
          <Button onClick={() => setDrawer('school')}>{tx('newSchool')}</Button>
          <Button type="primary" onClick={() => setDrawer('post')}>
            {tx('newPost')}
          </Button>
        </Space>
      </Space>
      <Typography.Paragraph type="secondary">{tx('guardIntro')}</Typography.Paragraph>
      <Space style={{ marginBottom: 8 }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {tx('posts')}
        </Typography.Title>
        <DatePicker value={day} onChange={(d) => d && setDay(d)} allowClear={false} aria-label={tx('day')} />
      </Space>
      {posts.error ? <Alert type="error" showIcon title={errorText(posts.error, t)} /> : null}
      <Table rowKey="id" size="middle" columns={postColumns} dataSource={posts.data?.items ?? []} loading={posts.loading} pagination={false} scroll={{ x: 'max-content' }} data-testid="guard-posts" />
      <Typography.Title level={3} style={{ marginTop: 24 }}>
        {tx('schools')}
      </Typography.Title>
      {schools.error ? <Alert type="error" showIcon title={errorText(schools.error, t)} /> : null}
      <Table rowKey="id" size="middle" columns={schoolColumns} dataSource={schools.data?.items ?? []} loading={schools.loading} pagination={false} scroll={{ x: 'max-content' }} data-testid="schools" />
      {drawer === 'school' && (
        <SchoolDrawer
          onClose={() => setDrawer(null)}
          onDone={() => {
            setDrawer(null);
            schools.reload();
          }}
        />
      )}
      {drawer === 'post' && (
        <PostDrawer
          schools={schools.data?.items ?? []}
          onClose={() => setDrawer(null)}
          onDone={() => {
            setDrawer(null);
            posts.reload();
          }}
        />
      )}
    </div>
  );
}

interface SchoolValues {
  name: string;
  jurisdictionId: number;
  addressText?: string;
  lat: number;
  lon: number;
  openingTime: Dayjs;
  closingTime: Dayjs;
}

function SchoolDrawer({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const { lang } = useI18n();
  const tx = (key: TaskTextKey) => taskText(lang, key);
  const { showError, message } = useFeedback();
  const [form] = Form.useForm<SchoolValues>();
  const [saving, setSaving] = useState(false);
  const jurisdictions = useQuery((signal) => orgApi.list(false, signal), []);
  const submit = async (v: SchoolValues) => {
    setSaving(true);
    try {
      await tasksApi.createSchool({
        name: v.name,
        jurisdictionId: v.jurisdictionId,
        ...(v.addressText ? { addressText: v.addressText } : {}),
        lat: v.lat,
        lon: v.lon,
        openingTime: v.openingTime.format('HH:mm'),
        closingTime: v.closingTime.format('HH:mm'),
      });
      void message.success(tx('saved'));
      onDone();
    } catch (err) {
      if (err instanceof ApiError && err.fields.length > 0) form.setFields(err.fields.map((f) => ({ name: f.path as keyof SchoolValues, errors: [f.message] })));
      else showError(err);
    } finally {
      setSaving(false);
    }
  };
  const required = [{ required: true, message: tx('required') }];
  return (
    <Drawer open onClose={onClose} title={tx('newSchool')}>
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => void submit(v)} initialValues={{ openingTime: dayjs('07:30', 'HH:mm'), closingTime: dayjs('16:30', 'HH:mm') }}>
        <Form.Item name="name" label={tx('school')} rules={[...required, { max: 100 }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="jurisdictionId" label={tx('jurisdiction')} rules={required}>
          <JurisdictionSelect items={jurisdictions.data?.items ?? []} loading={jurisdictions.loading} aria-label={tx('jurisdiction')} />
        </Form.Item>
        <Form.Item name="addressText" label={tx('address')} rules={[{ max: 200 }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="lat" label={tx('lat')} rules={required}>
            <InputNumber min={-90} max={90} step={0.0001} style={{ width: 150 }} />
          </Form.Item>
          <Form.Item name="lon" label={tx('lon')} rules={required}>
            <InputNumber min={-180} max={180} step={0.0001} style={{ width: 150 }} />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="openingTime" label={tx('openingTime')} rules={required}>
            <TimePicker format="HH:mm" minuteStep={5} />
          </Form.Item>
          <Form.Item name="closingTime" label={tx('closingTime')} rules={required}>
            <TimePicker format="HH:mm" minuteStep={5} />
          </Form.Item>
        </Space>
        <Button type="primary" htmlType="submit" loading={saving} block>
          {tx('newSchool')}
        </Button>
      </Form>
    </Drawer>
  );
}

interface PostValues {
  schoolId: number;
  name: string;
  officerUserId: number;
  volunteerIds: number[];
}

function PostDrawer({ schools, onClose, onDone }: { schools: School[]; onClose: () => void; onDone: () => void }) {
  const { lang } = useI18n();
  const tx = (key: TaskTextKey) => taskText(lang, key);
  const { showError, message } = useFeedback();
  const [form] = Form.useForm<PostValues>();
  const [saving, setSaving] = useState(false);
  const officers = useQuery((signal) => tasksApi.officers(signal), []);
  const volunteers = useQuery((signal) => tasksApi.volunteers(signal), []);
  const submit = async (v: PostValues) => {
    setSaving(true);
    try {
      await tasksApi.createPost(v);
      void message.success(tx('saved'));
      onDone();
    } catch (err) {
      if (err instanceof ApiError && err.fields.length > 0) form.setFields(err.fields.map((f) => ({ name: f.path.split('.')[0] as keyof PostValues, errors: [f.message] })));
      else showError(err);
    } finally {
      setSaving(false);
    }
  };
  const required = [{ required: true, message: tx('required') }];
  return (
    <Drawer open onClose={onClose} title={tx('newPost')}>
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => void submit(v)} initialValues={{ name: '校门口' }}>
        <Form.Item name="schoolId" label={tx('school')} rules={required}>
          <Select options={schools.map((s) => ({ value: s.id, label: s.name }))} />
        </Form.Item>
        <Form.Item name="name" label={tx('postName')} rules={[...required, { max: 100 }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="officerUserId" label={tx('officer')} rules={required}>
          <Select showSearch={{ optionFilterProp: 'label' }} loading={officers.loading} options={(officers.data?.items ?? []).map((o) => ({ value: o.id, label: `${o.name}（${o.jurisdictionName}）` }))} />
        </Form.Item>
        <Form.Item name="volunteerIds" label={tx('twoVolunteers')} rules={[...required, { type: 'array', len: 2, message: tx('twoVolunteers') }]}>
          <Select mode="multiple" maxCount={2} showSearch={{ optionFilterProp: 'label' }} loading={volunteers.loading} options={(volunteers.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving} block>
          {tx('newPost')}
        </Button>
      </Form>
    </Drawer>
  );
}
