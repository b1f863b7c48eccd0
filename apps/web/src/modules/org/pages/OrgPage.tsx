import { Alert, Card, Col, Empty, Row, Skeleton, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { JurisdictionMap } from '../../../app/components/JurisdictionMap';
import { useSession } from '../../../app/auth';
import { errorText, useFeedback } from '../../../app/feedback';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useQuery } from '../../../app/useQuery';
import { JurisdictionDetail } from '../components/JurisdictionDetail';
import { JurisdictionFormModal, type JurisdictionFormMode } from '../components/JurisdictionFormModal';
import { JurisdictionTree } from '../components/JurisdictionTree';
import { orgApi, type Jurisdiction } from '../org.api';
import { ancestorIds, buildJurisdictionTree } from '../org.tree';

export default function OrgPage() {
  const { t } = useI18n();
  const { may } = useSession();
  const { showError, showSuccess } = useFeedback();
  const list = useQuery((signal) => orgApi.list(true, signal), []);
  const items = useMemo(() => list.data?.items ?? [], [list.data]);
  const byId = useMemo(() => new Map(items.map((i) => [i.id, i])), [items]);

  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [expandedIds, setExpandedIds] = useState<number[]>([]);
  const [formMode, setFormMode] = useState<JurisdictionFormMode | null>(null);
  const [archiving, setArchiving] = useState(false);

  // First load: select the top of the user's subtree and open its first level.
  useEffect(() => {
    if (items.length === 0 || (selectedId && byId.has(selectedId))) return;
    const roots = buildJurisdictionTree(items);
    const first = roots[0];
    if (!first) return;
    setSelectedId(first.item.id);
    setExpandedIds((ids) => (ids.length > 0 ? ids : roots.map((r) => r.item.id)));
  }, [items, byId, selectedId]);

  const selected = selectedId ? byId.get(selectedId) : undefined;
  const shapes = useMemo(
    () => (selected ? [selected, ...items.filter((i) => i.parentId === selected.id)] : []),
    [items, selected],
  );

  const select = (id: number) => {
    setSelectedId(id);
    setExpandedIds((ids) => [...new Set([...ids, ...ancestorIds(items, id).slice(0, -1)])]);
  };

  const onSaved = (saved: Jurisdiction) => {
    const created = formMode?.kind === 'create';
    setFormMode(null);
    showSuccess(created ? 'org.created' : 'common.saved');
    const parentId = saved.parentId;
    if (created && parentId) setExpandedIds((ids) => [...new Set([...ids, parentId])]);
    setSelectedId(saved.id);
    list.reload();
  };

  const archive = () => {
    if (!selected) return;
    setArchiving(true);
    orgApi
      .archive(selected.id)
      .then(() => {
        showSuccess('common.archived');
        setSelectedId(selected.parentId);
        list.reload();
      })
      // 409 org.jurisdiction_in_use: the server says why (children or users remain).
      .catch(showError)
      .finally(() => setArchiving(false));
  };

  return (
    <div>
      <div className="fq-page-head">
        <Typography.Title level={1}>{t('nav.org')}</Typography.Title>
      </div>
      {list.error ? <Alert type="error" showIcon title={errorText(list.error, t)} style={{ marginBottom: 16 }} /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={9}>
          <Card title={t('org.tree')} size="small">
            {list.loading && !list.data ? (
              <Skeleton active />
            ) : (
              <JurisdictionTree
                items={items}
                selectedId={selectedId}
                expandedIds={expandedIds}
                onExpand={setExpandedIds}
                onSelect={select}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={15}>
          <Card title={selected ? selected.name : t('org.detail')} size="small">
            {selected ? (
              <>
                <JurisdictionDetail
                  item={selected}
                  parent={selected.parentId ? byId.get(selected.parentId) : undefined}
                  canManage={may('org.manage')}
                  archiving={archiving}
                  onAddChild={() => setFormMode({ kind: 'create', parent: selected })}
                  onEdit={() => setFormMode({ kind: 'edit', item: selected })}
                  onArchive={archive}
                />
                <div style={{ marginTop: 16 }}>
                  <JurisdictionMap shapes={shapes} highlightId={selected.id} height={360} onSelect={select} data-testid="org-map" />
                </div>
              </>
            ) : (
              <Empty description={t('org.selectHint')} />
            )}
          </Card>
        </Col>
      </Row>
      <JurisdictionFormModal mode={formMode} onClose={() => setFormMode(null)} onSaved={onSaved} />
    </div>
  );
}
