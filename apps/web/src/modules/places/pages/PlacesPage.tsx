import { Alert, Card, Col, Empty, Row, Skeleton, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useSession } from '../../../app/auth';
import { errorText, useFeedback } from '../../../app/feedback';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useIsNarrow } from '../../../app/useMediaQuery';
import { useQuery } from '../../../app/useQuery';
import { AddressDetailPanel } from '../components/AddressDetailPanel';
import { AddressFormModal, type AddressFormMode } from '../components/AddressFormModal';
import { AddressMap } from '../components/AddressMap';
import { AddressMatchBox } from '../components/AddressMatchBox';
import { AddressPicker } from '../components/AddressPicker';
import { AddressTree, type AddressTreeHandle } from '../components/AddressTree';
import { orgApi } from '../../org/org.api';
import { placesApi, type AddressDetail } from '../places.api';
import { ROOTS, useAddressTree } from '../useAddressTree';

/** 标准地址: the address tree, the selected address on a map, and free-text matching. */
export default function PlacesPage() {
  const { t } = useI18n();
  const { may } = useSession();
  const { showError, showSuccess } = useFeedback();
  const narrow = useIsNarrow();
  const tree = useAddressTree();
  const treeRef = useRef<AddressTreeHandle>(null);
  const detailRef = useRef<HTMLDivElement>(null);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [expandedIds, setExpandedIds] = useState<number[]>([]);
  const [formMode, setFormMode] = useState<AddressFormMode | null>(null);
  const [archiving, setArchiving] = useState(false);
  const detail = useQuery((signal) => (selectedId ? placesApi.get(selectedId, signal) : Promise.resolve(null)), [selectedId]);
  const selected = detail.data && detail.data.id === selectedId ? detail.data : null;
  const { load } = tree;
  // The jurisdiction's boundary around the points: a map without tiles still shows where they are.
  const jurisdictionId = selected?.jurisdictionId ?? null;
  const area = useQuery(() => (jurisdictionId ? orgApi.get(jurisdictionId).catch(() => null) : Promise.resolve(null)), [jurisdictionId]);

  // First load: select the first top-most address and open it.
  const roots = tree.children.get(ROOTS);
  useEffect(() => {
    const first = roots?.[0];
    if (selectedId !== null || !first) return;
    setSelectedId(first.id);
    if (first.childCount > 0) setExpandedIds([first.id]);
  }, [roots, selectedId]);

  // The selection's children are the points around it on the map.
  useEffect(() => {
    if (selectedId) load(selectedId).catch(() => undefined);
  }, [selectedId, load]);

  /** Opens an address anywhere in the tree: loads and expands its visible ancestors, then selects it. */
  const open = async (id: number) => {
    try {
      const target = await placesApi.get(id);
      const chain = target.ancestors.filter((a) => a.visible).map((a) => a.id);
      for (const ancestor of chain) await load(ancestor);
      setExpandedIds((ids) => [...new Set([...ids, ...chain])]);
      setSelectedId(id);
      setTimeout(() => {
        treeRef.current?.scrollTo({ key: id, align: 'auto' });
        if (narrow) detailRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
      }, 50);
    } catch (err) {
      showError(err);
    }
  };

  const onSaved = (saved: AddressDetail) => {
    const created = formMode?.kind === 'create';
    setFormMode(null);
    showSuccess(created ? 'places.created' : 'common.saved');
    void (async () => {
      if (created && saved.parentId) {
        await load(saved.parentId, true);
        setExpandedIds((ids) => [...new Set([...ids, saved.parentId!])]);
      } else await tree.reloadAround(saved);
      if (saved.id === selectedId) detail.reload();
      setSelectedId(saved.id);
    })().catch(showError);
  };

  const archive = () => {
    if (!selected) return;
    setArchiving(true);
    placesApi
      .archive(selected.id)
      .then(async () => {
        showSuccess('places.archived');
        await tree.reloadAround(selected);
        const parent = selected.ancestors.at(-1);
        setSelectedId(parent?.visible ? parent.id : null);
      })
      // 409 places.address_in_use: the server says what still hangs on the address.
      .catch(showError)
      .finally(() => setArchiving(false));
  };

  const children = selectedId ? tree.children.get(selectedId) : undefined;
  const points = useMemo(() => (children ?? []).map((c) => ({ id: c.id, name: c.name, lat: c.lat, lon: c.lon })), [children]);
  const outline = useMemo(() => (area.data?.boundary ? { name: area.data.name, boundary: area.data.boundary } : null), [area.data]);
  const focus = useMemo(() => (selected ? { id: selected.id, name: selected.fullName, lat: selected.lat, lon: selected.lon } : null), [selected]);

  return (
    <div>
      <div className="fq-page-head">
        <Typography.Title level={1}>{t('nav.places')}</Typography.Title>
      </div>
      {tree.error ? <Alert type="error" showIcon title={errorText(tree.error, t)} style={{ marginBottom: 16 }} /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={9}>
          <Card title={t('places.match')} size="small" style={{ marginBottom: 16 }}>
            <AddressMatchBox onOpen={(id) => void open(id)} />
          </Card>
          <Card title={t('places.tree')} size="small">
            <AddressPicker
              value={null}
              onChange={(id) => {
                if (id) void open(id);
              }}
              placeholder={t('places.findInTree')}
              aria-label={t('places.findInTree')}
              data-testid="places-find"
              style={{ marginBottom: 8 }}
            />
            {!roots && !tree.error ? (
              <Skeleton active />
            ) : (
              <AddressTree
                nodes={tree.children}
                selectedId={selectedId}
                expandedIds={expandedIds}
                onExpand={setExpandedIds}
                onSelect={setSelectedId}
                onLoad={(id) => load(id)}
                treeRef={treeRef}
                height={narrow ? 360 : 560}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={15}>
          <div ref={detailRef}>
            <Card title={selected ? selected.name : t('places.detail')} size="small">
              {detail.error ? <Alert type="error" showIcon title={errorText(detail.error, t)} /> : null}
              {selected ? (
                <>
                  <AddressDetailPanel
                    item={selected}
                    canManage={may('places.manage')}
                    archiving={archiving}
                    onOpen={(id) => void open(id)}
                    onAddChild={() => setFormMode({ kind: 'create', parent: selected })}
                    onEdit={() => setFormMode({ kind: 'edit', item: selected })}
                    onArchive={archive}
                  />
                  <div style={{ marginTop: 16 }}>
                    <AddressMap focus={focus} points={points} outline={outline} height={narrow ? 260 : 380} onSelect={(id) => void open(id)} />
                  </div>
                </>
              ) : detail.loading && selectedId ? (
                <Skeleton active />
              ) : (
                <Empty description={t('places.selectHint')} />
              )}
            </Card>
          </div>
        </Col>
      </Row>
      <AddressFormModal mode={formMode} onClose={() => setFormMode(null)} onSaved={onSaved} />
    </div>
  );
}
