import { PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { PagedTable } from '../../../app/components/PagedTable';
import { useFeedback } from '../../../app/feedback';
import { FormErrorAlert, useServerErrors } from '../../../app/forms';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useQuery } from '../../../app/useQuery';
import { JurisdictionSelect } from '../../org/components/JurisdictionSelect';
import type { Jurisdiction } from '../../org/org.api';
import { TRAINING_TOPICS, volunteersApi, type Course, type TrainingTopic } from '../volunteers.api';
import { TOPIC_LABELS, vtext, type VolunteersTextKey } from '../volunteers.text';

/** What the date picker hands back (a dayjs value). */
interface Dayjs {
  format: (template: string) => string;
}
interface CourseValues {
  topic?: TrainingTopic;
  title: string;
  heldOn?: Dayjs;
  hours?: number;
  jurisdictionId?: number;
}
interface CompletionValues {
  volunteerIds?: number[];
  completedOn?: Dayjs;
}

/** Training courses (普法宣传, 信息收集, 矛盾调解, 紧急救助) and who completed them. */
export function TrainingTab({ jurisdictions, canManage, narrow }: { jurisdictions: readonly Jurisdiction[]; canManage: boolean; narrow: boolean }) {
  const { lang } = useI18n();
  const tx = (k: VolunteersTextKey, p?: Record<string, string | number>) => vtext(lang, k, p);
  const { message } = useFeedback();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const list = useQuery((signal) => volunteersApi.courses(page, signal), [page]);
  const [adding, setAdding] = useState(false);
  const [recording, setRecording] = useState<Course | null>(null);
  const [courseForm] = Form.useForm<CourseValues>();
  const [doneForm] = Form.useForm<CompletionValues>();
  const courseErrors = useServerErrors(courseForm);
  const doneErrors = useServerErrors(doneForm);
  const [options, setOptions] = useState<{ value: number; label: string }[]>([]);
  const search = (q: string) => {
    volunteersApi
      .members({ q: q.trim() || undefined, status: 'active', page: 1, pageSize: 30 })
      .then((r) => setOptions(r.items.map((v) => ({ value: v.id, label: `${v.name}${v.teamName ? `（${v.teamName}）` : ''}` }))))
      .catch(() => setOptions([]));
  };

  const saveCourse = (v: CourseValues) => {
    courseErrors.clearError();
    volunteersApi
      .createCourse({ topic: v.topic!, title: v.title.trim(), heldOn: v.heldOn!.format('YYYY-MM-DD'), ...(v.hours ? { hours: v.hours } : {}), jurisdictionId: v.jurisdictionId ?? 0 })
      .then(() => {
        setAdding(false);
        list.reload();
      })
      .catch(courseErrors.handleError);
  };
  const saveCompletions = (v: CompletionValues) => {
    if (!recording) return;
    doneErrors.clearError();
    volunteersApi
      .recordCompletions(recording.id, { volunteerIds: v.volunteerIds ?? [], completedOn: v.completedOn!.format('YYYY-MM-DD') })
      .then((r) => {
        void message.success(tx('recorded', { n: r.recorded, p: r.points }));
        setRecording(null);
        list.reload();
      })
      .catch(doneErrors.handleError);
  };

  const columns: TableColumnsType<Course> = [
    { title: tx('heldOn'), dataIndex: 'heldOn', key: 'heldOn', width: 110 },
    { title: tx('topic'), key: 'topic', width: 110, render: (_: unknown, c) => TOPIC_LABELS[c.topic][lang] },
    { title: tx('courseTitle'), dataIndex: 'title', key: 'title' },
    ...(narrow
      ? []
      : [
          { title: tx('hours'), dataIndex: 'hours', key: 'hours', width: 70 },
          { title: tx('area'), dataIndex: 'jurisdictionName', key: 'area', width: 140 },
        ]),
    { title: tx('completions'), dataIndex: 'completions', key: 'completions', width: 90 },
    ...(canManage
      ? [
          {
            title: '',
            key: 'actions',
            width: 110,
            render: (_: unknown, c: Course) => (
              <Button size="small" onClick={() => setRecording(c)} data-testid={`course-record-${c.id}`}>
                {tx('recordCompletions')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <div>
      {canManage && (
        <div className="fq-toolbar">
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setAdding(true)} data-testid="course-add">
            {tx('addCourse')}
          </Button>
        </div>
      )}
      <PagedTable<Course> list={list} columns={columns} page={page} onPage={setPage} narrow={narrow} data-testid="courses-table" />
      <Modal open={adding} title={tx('addCourse')} onCancel={() => setAdding(false)} onOk={() => courseForm.submit()} destroyOnHidden>
        <FormErrorAlert error={courseErrors.formError} />
        <Form<CourseValues> form={courseForm} layout="vertical" onFinish={saveCourse} preserve={false} name="course" initialValues={{ hours: 2 }}>
          <Form.Item label={tx('topic')} name="topic" rules={[{ required: true, message: tx('required', { field: tx('topic') }) }]}>
            <Select options={TRAINING_TOPICS.map((k) => ({ value: k, label: TOPIC_LABELS[k][lang] }))} />
          </Form.Item>
          <Form.Item label={tx('courseTitle')} name="title" rules={[{ required: true, whitespace: true, message: tx('required', { field: tx('courseTitle') }) }, { max: 200 }]}>
            <Input />
          </Form.Item>
          <Space wrap>
            <Form.Item label={tx('heldOn')} name="heldOn" rules={[{ required: true, message: tx('required', { field: tx('heldOn') }) }]}>
              <DatePicker />
            </Form.Item>
            <Form.Item label={tx('hours')} name="hours">
              <InputNumber min={0.5} max={100} step={0.5} />
            </Form.Item>
          </Space>
          <Form.Item label={tx('area')} name="jurisdictionId" rules={[{ required: true, message: tx('required', { field: tx('area') }) }]}>
            <JurisdictionSelect items={jurisdictions} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={recording !== null} title={recording ? `${tx('recordCompletions')}：${recording.title}` : ''} onCancel={() => setRecording(null)} onOk={() => doneForm.submit()} destroyOnHidden>
        <FormErrorAlert error={doneErrors.formError} />
        <Typography.Paragraph type="secondary">{recording ? `${TOPIC_LABELS[recording.topic][lang]} · ${recording.heldOn}` : ''}</Typography.Paragraph>
        <Form<CompletionValues> form={doneForm} layout="vertical" onFinish={saveCompletions} preserve={false} name="completions">
          <Form.Item label={tx('whoCompleted')} name="volunteerIds" rules={[{ required: true, message: tx('required', { field: tx('whoCompleted') }) }]}>
            <Select mode="multiple" showSearch={{ filterOption: false, onSearch: search }} onFocus={() => search('')} options={options} data-testid="completion-members" />
          </Form.Item>
          <Form.Item label={tx('completedOn')} name="completedOn" rules={[{ required: true, message: tx('required', { field: tx('completedOn') }) }]}>
            <DatePicker />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
