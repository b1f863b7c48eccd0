import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { CHILD_KINDS, JURISDICTION_KIND_LABELS } from '@fengqiao/shared';
import { Button, Descriptions, Popconfirm, Space, Tooltip } from 'antd';
import { useI18n } from '../../../app/i18n/I18nProvider';
import type { Jurisdiction } from '../org.api';

interface Props {
  item: Jurisdiction;
  parent: Jurisdiction | undefined;
  canManage: boolean;
  archiving: boolean;
  onAddChild: () => void;
  onEdit: () => void;
  onArchive: () => void;
}

function formatCoord(value: number | null): string {
  return value === null ? '' : value.toFixed(6);
}

export function JurisdictionDetail({ item, parent, canManage, archiving, onAddChild, onEdit, onArchive }: Props) {
  const { t, lang } = useI18n();
  const childKinds = CHILD_KINDS[item.kind];
  const center =
    item.centerLat !== null && item.centerLon !== null
      ? `${formatCoord(item.centerLat)}, ${formatCoord(item.centerLon)}`
      : t('common.none');

  return (
    <div>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2 }}
        bordered
        data-testid="org-detail"
        items={[
          { key: 'name', label: t('org.name'), children: item.name },
          { key: 'kind', label: t('org.kind'), children: JURISDICTION_KIND_LABELS[item.kind][lang] },
          { key: 'code', label: t('org.code'), children: item.code ?? t('common.none') },
          { key: 'parent', label: t('org.parent'), children: parent?.name ?? t('common.none') },
          { key: 'center', label: t('org.center'), children: center },
          { key: 'children', label: t('org.childCount'), children: item.childCount },
          { key: 'users', label: t('org.userCount'), children: item.userCount },
        ]}
      />
      {canManage && (
        <Space wrap style={{ marginTop: 12 }}>
          <Tooltip title={childKinds.length === 0 ? t('org.noChildKinds') : undefined}>
            <Button
              icon={<PlusOutlined aria-hidden />}
              onClick={onAddChild}
              disabled={childKinds.length === 0}
              data-testid="org-add-child"
            >
              {t('org.addChild')}
            </Button>
          </Tooltip>
          <Button icon={<EditOutlined aria-hidden />} onClick={onEdit} data-testid="org-edit">
            {t('common.edit')}
          </Button>
          <Popconfirm
            title={t('org.archiveConfirm', { name: item.name })}
            onConfirm={onArchive}
            okText={t('common.archive')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
          >
            <Button danger icon={<DeleteOutlined aria-hidden />} loading={archiving} data-testid="org-archive">
              {t('common.archive')}
            </Button>
          </Popconfirm>
        </Space>
      )}
    </div>
  );
}
