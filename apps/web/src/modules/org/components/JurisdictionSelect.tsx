import type { JurisdictionKind } from '@fengqiao/shared';
import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useI18n } from '../../../app/i18n/I18nProvider';
import type { Jurisdiction } from '../org.api';
import { buildJurisdictionTree, toTreeSelectData } from '../org.tree';

interface Props {
  id?: string;
  items: readonly Jurisdiction[];
  value?: number | null;
  onChange?: (value: number | undefined) => void;
  allowedKinds?: readonly JurisdictionKind[];
  allowClear?: boolean;
  placeholder?: string;
  loading?: boolean;
  style?: React.CSSProperties;
  'aria-label'?: string;
  'data-testid'?: string;
}

/** Picks one jurisdiction from the user's scoped tree; used by every form that places a record. */
export function JurisdictionSelect({ items, value, onChange, allowedKinds, ...rest }: Props) {
  const { t } = useI18n();
  const treeData = useMemo(
    () => toTreeSelectData(buildJurisdictionTree(items), allowedKinds),
    [items, allowedKinds],
  );
  return (
    <TreeSelect
      {...rest}
      value={value ?? undefined}
      onChange={(v: number | undefined) => onChange?.(v)}
      treeData={treeData}
      treeDefaultExpandAll
      showSearch={{ treeNodeFilterProp: 'title' }}
      notFoundContent={rest.loading ? t('common.loading') : undefined}
      popupMatchSelectWidth={false}
    />
  );
}
