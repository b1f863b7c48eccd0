import { Empty, Tag, Tree, type TreeDataNode } from 'antd';
import type { Ref } from 'react';
import { useMemo } from 'react';
import { useI18n } from '../../../app/i18n/I18nProvider';
import type { Address } from '../places.api';
import { LEVEL_COLORS, levelLabel } from '../places.labels';
import { ROOTS } from '../useAddressTree';

export interface AddressTreeHandle {
  scrollTo: (options: { key: number; align?: 'top' | 'bottom' | 'auto' }) => void;
}

interface Props {
  /** Children loaded so far, by parent id (ROOTS for the top-most addresses). */
  nodes: ReadonlyMap<number, Address[]>;
  selectedId: number | null;
  expandedIds: number[];
  onExpand: (ids: number[]) => void;
  onSelect: (id: number) => void;
  onLoad: (id: number) => Promise<unknown>;
  treeRef?: Ref<AddressTreeHandle>;
  height: number;
}

/** Standard addresses as a tree whose levels load when opened. */
export function AddressTree({ nodes, selectedId, expandedIds, onExpand, onSelect, onLoad, treeRef, height }: Props) {
  const { t, lang } = useI18n();
  const treeData = useMemo(() => {
    const build = (parent: number): TreeDataNode[] =>
      (nodes.get(parent) ?? []).map((a) => {
        const loaded = nodes.get(a.id);
        return {
          key: a.id,
          isLeaf: a.childCount === 0,
          title: (
            <span data-testid={`places-node-${a.id}`} title={a.fullName}>
              {parent === ROOTS && a.level !== 'county' ? a.fullName : a.name}{' '}
              <Tag color={LEVEL_COLORS[a.level]} style={{ marginInlineStart: 4 }}>
                {levelLabel(a.level, lang)}
              </Tag>
            </span>
          ),
          ...(loaded ? { children: build(a.id) } : {}),
        };
      });
    return build(ROOTS);
  }, [nodes, lang]);

  if (nodes.has(ROOTS) && treeData.length === 0) return <Empty description={t('places.empty')} />;
  return (
    <Tree
      ref={treeRef as never}
      treeData={treeData}
      loadData={(node) => onLoad(Number(node.key))}
      selectedKeys={selectedId ? [selectedId] : []}
      expandedKeys={expandedIds}
      onExpand={(keys) => onExpand(keys.map(Number))}
      onSelect={(keys) => {
        const first = keys[0];
        if (first !== undefined) onSelect(Number(first));
      }}
      height={height}
      blockNode
      showLine
      aria-label={t('places.tree')}
      data-testid="places-tree"
    />
  );
}
