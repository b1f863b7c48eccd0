import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Breadcrumb, Button, Descriptions, Popconfirm, Space, Tag } from 'antd';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { CHILD_LEVELS, type AddressDetail } from '../places.api';
import { LEVEL_COLORS, levelLabel } from '../places.labels';

interface Props {
  item: AddressDetail;
  canManage: boolean;
  archiving: boolean;
  onOpen: (id: number) => void;
  onAddChild: () => void;
  onEdit: () => void;
  onArchive: () => void;
}

const coord = (v: number | null) => (v === null ? null : v.toFixed(6));

export function AddressDetailPanel({ item, canManage, archiving, onOpen, onAddChild, onEdit, onArchive }: Props) {
  const { t, lang } = useI18n();
  const position = item.lat !== null && item.lon !== null ? `${coord(item.lat)}, ${coord(item.lon)}` : t('common.none');
  const division = item.divisionCode ? `${item.divisionCode}${item.divisionName ? `（${item.divisionName}）` : ''}` : t('common.none');
  return (
    <div>
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={[
          ...item.ancestors.map((a) => ({
            key: a.id,
            title: a.visible ? (
              <a
                href="#"
                onClick={(e) => {
                  e.preventDefault();
                  onOpen(a.id);
                }}
              >
                {a.name}
              </a>
            ) : (
              a.name
            ),
          })),
          { key: item.id, title: item.name },
        ]}
      />
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, sm: 2 }}
        data-testid="places-detail"
        items={[
          { key: 'fullName', label: t('places.fullName'), span: 'filled', children: <span data-testid="places-detail-fullname">{item.fullName}</span> },
          { key: 'level', label: t('places.level'), children: <Tag color={LEVEL_COLORS[item.level]}>{levelLabel(item.level, lang, false)}</Tag> },
          { key: 'division', label: t('places.divisionCode'), children: division },
          { key: 'jurisdiction', label: t('places.jurisdiction'), children: item.jurisdictionName },
          { key: 'coords', label: t('places.coordinates'), children: position },
          { key: 'children', label: t('places.childCount'), children: item.childCount },
          { key: 'persons', label: t('places.persons'), children: item.counts.persons },
          { key: 'houses', label: t('places.houses'), children: item.counts.houses },
          { key: 'units', label: t('places.units'), children: item.counts.units },
        ]}
      />
      {canManage && (
        <Space wrap style={{ marginTop: 12 }}>
          <Button icon={<PlusOutlined aria-hidden />} onClick={onAddChild} disabled={CHILD_LEVELS[item.level].length === 0} data-testid="places-add-child">
            {t('places.addChild')}
          </Button>
          <Button icon={<EditOutlined aria-hidden />} onClick={onEdit} data-testid="places-edit">
            {t('common.edit')}
          </Button>
          <Popconfirm
            title={t('places.archiveConfirm', { name: item.name })}
            onConfirm={onArchive}
            okText={t('places.archive')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
          >
            <Button danger icon={<DeleteOutlined aria-hidden />} loading={archiving} data-testid="places-archive">
              {t('places.archive')}
            </Button>
          </Popconfirm>
        </Space>
      )}
    </div>
  );
}
