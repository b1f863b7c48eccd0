import { JURISDICTION_KIND_LABELS } from '@fengqiao/shared';
import { Empty, Input, Tag, Tree, type TreeDataNode } from 'antd';
import { useMemo, useState } from 'react';
import { useI18n } from '../../../app/i18n/I18nProvider';
import type { Jurisdiction } from '../org.api';
import { buildJurisdictionTree, type JurisdictionNode } from '../org.tree';

interface Props {
  items: readonly Jurisdiction[];
  selectedId: number | null;
  expandedIds: number[];
  onExpand: (ids: number[]) => void;
  onSelect: (id: number) => void;
}

const KIND_COLORS = {
  bureau: 'geekblue',
  station: 'blue',
  community: 'cyan',
  village: 'green',
  grid: 'orange',
  police_room: 'magenta',
} as const;

/** Keeps the nodes whose name contains `query`, with the ancestors that lead to them. */
function filterTree(nodes: JurisdictionNode[], query: string): JurisdictionNode[] {
  const result: JurisdictionNode[] = [];
  for (const node of nodes) {
    const children = filterTree(node.children, query);
    if (node.item.name.toLowerCase().includes(query) || children.length > 0) result.push({ ...node, children });
  }
  return result;
}

function allIds(nodes: JurisdictionNode[]): number[] {
  return nodes.flatMap((n) => [n.item.id, ...allIds(n.children)]);
}

export function JurisdictionTree({ items, selectedId, expandedIds, onExpand, onSelect }: Props) {
  const { t, lang } = useI18n();
  const [query, setQuery] = useState('');
  const roots = useMemo(() => buildJurisdictionTree(items), [items]);
  const q = query.trim().toLowerCase();
  const visible = useMemo(() => (q ? filterTree(roots, q) : roots), [roots, q]);

  const toData = (nodes: JurisdictionNode[]): TreeDataNode[] =>
    nodes.map((n) => ({
      key: n.item.id,
      title: (
        <span data-testid={`org-node-${n.item.id}`}>
          {n.item.name}{' '}
          <Tag color={KIND_COLORS[n.item.kind]} style={{ marginInlineStart: 4 }}>
            {JURISDICTION_KIND_LABELS[n.item.kind][lang]}
          </Tag>
        </span>
      ),
      children: toData(n.children),
    }));

  return (
    <div>
      <Input.Search
        placeholder={t('org.searchPlaceholder')}
        aria-label={t('org.searchPlaceholder')}
        allowClear
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        style={{ marginBottom: 8 }}
      />
      {visible.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Tree
          treeData={toData(visible)}
          selectedKeys={selectedId ? [selectedId] : []}
          expandedKeys={q ? allIds(visible) : expandedIds}
          onExpand={(keys) => onExpand(keys.map(Number))}
          onSelect={(keys) => {
            const first = keys[0];
            if (first !== undefined) onSelect(Number(first));
          }}
          blockNode
          showLine
          aria-label={t('org.tree')}
          data-testid="org-tree"
        />
      )}
    </div>
  );
}
