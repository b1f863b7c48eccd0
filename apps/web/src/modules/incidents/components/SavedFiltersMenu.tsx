import { DeleteOutlined, DownOutlined, FilterOutlined, SaveOutlined } from '@ant-design/icons';
import { Button, Dropdown, Form, Input, Modal, type MenuProps } from 'antd';
import { useState } from 'react';
import { errorText, useFeedback } from '../../../app/feedback';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useQuery } from '../../../app/useQuery';
import { incidentFindApi, type IncidentSearch, type SavedFilter } from '../incidents.api';
import { findText, type FindTextKey } from '../incidents.find.text';
import { filtersFromRecord, filtersToRecord } from '../incidentSearch';

const PAGE = 'incidents';

/** 常用筛选: the user's own named filters of the incident list — apply one, save the current filters, delete. */
export function SavedFiltersMenu({ filters, onApply }: { filters: IncidentSearch; onApply: (filters: IncidentSearch) => void }) {
  const { t, lang } = useI18n();
  const fx = (key: FindTextKey, p?: Record<string, string | number>) => findText(lang, key, p);
  const { modal, message, showError } = useFeedback();
  const saved = useQuery((signal) => incidentFindApi.savedFilters(PAGE, signal), []);
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const items = saved.data?.items ?? [];

  const remove = (f: SavedFilter) =>
    modal.confirm({
      title: fx('deleteFilterConfirm', { name: f.name }),
      okText: fx('deleteFilter'),
      okButtonProps: { danger: true },
      cancelText: fx('cancel'),
      onOk: () =>
        incidentFindApi
          .deleteFilter(f.id)
          .then(() => {
            void message.success(fx('deleted'));
            saved.reload();
          })
          .catch(showError),
    });

  const save = () => {
    const trimmed = name.trim();
    if (!trimmed) {
      setNameError(fx('filterNameRequired'));
      return;
    }
    setBusy(true);
    incidentFindApi
      .saveFilter(PAGE, trimmed, filtersToRecord(filters))
      .then(() => {
        void message.success(fx('saved'));
        setNaming(false);
        setName('');
        saved.reload();
      })
      .catch((err: unknown) => setNameError(errorText(err, t)))
      .finally(() => setBusy(false));
  };

  const menu: MenuProps['items'] = [
    ...(items.length > 0 ? items.map((f) => ({ key: `apply:${f.id}`, label: f.name })) : [{ key: 'none', label: fx('noSavedFilters'), disabled: true }]),
    { type: 'divider' as const },
    { key: 'save', label: fx('saveFilter'), icon: <SaveOutlined aria-hidden /> },
    ...(items.length > 0
      ? [{ key: 'delete', label: fx('deleteFilter'), icon: <DeleteOutlined aria-hidden />, children: items.map((f) => ({ key: `delete:${f.id}`, label: f.name, danger: true })) }]
      : []),
  ];

  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'save') {
      setNameError(null);
      setNaming(true);
      return;
    }
    const [action, id] = key.split(':');
    const f = items.find((x) => String(x.id) === id);
    if (!f) return;
    if (action === 'apply') onApply(filtersFromRecord(f.query));
    if (action === 'delete') remove(f);
  };

  return (
    <>
      <Dropdown menu={{ items: menu, onClick }} trigger={['click']}>
        <Button icon={<FilterOutlined aria-hidden />} data-testid="incidents-saved-filters">
          {fx('savedFilters')} <DownOutlined aria-hidden />
        </Button>
      </Dropdown>
      <Modal
        open={naming}
        title={fx('saveFilterTitle')}
        okText={fx('ok')}
        cancelText={fx('cancel')}
        confirmLoading={busy}
        onOk={save}
        onCancel={() => setNaming(false)}
        destroyOnHidden
      >
        <Form layout="vertical" onFinish={save}>
          <Form.Item label={fx('filterName')} required validateStatus={nameError ? 'error' : undefined} help={nameError ?? undefined} htmlFor="saved-filter-name">
            <Input
              id="saved-filter-name"
              autoFocus
              maxLength={50}
              value={name}
              placeholder={fx('filterNamePlaceholder')}
              onChange={(e) => {
                setName(e.target.value);
                setNameError(null);
              }}
              data-testid="saved-filter-name"
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
