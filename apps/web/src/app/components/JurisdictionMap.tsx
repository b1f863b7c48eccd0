import type { JurisdictionKind } from '@fengqiao/shared';
import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { MapFrame } from './MapFrame';
import { useLeafletMap } from './useLeafletMap';
import type { GeoPolygon } from '../../modules/org/org.api';

export interface MapShape {
  id: number;
  name: string;
  kind: JurisdictionKind;
  boundary?: GeoPolygon | null | undefined;
  centerLat: number | null;
  centerLon: number | null;
}

interface Props {
  shapes: readonly MapShape[];
  /** Drawn stronger and framed by the view when given. */
  highlightId?: number | undefined;
  height?: number | string;
  onSelect?: (id: number) => void;
  'data-testid'?: string;
}

const KIND_COLORS: Record<JurisdictionKind, string> = {
  bureau: '#1d3c78',
  station: '#1677ff',
  community: '#13a8a8',
  village: '#52c41a',
  grid: '#fa8c16',
  police_room: '#eb2f96',
};

const KIND_DEPTH: Record<JurisdictionKind, number> = {
  bureau: 0,
  station: 1,
  community: 2,
  village: 2,
  grid: 3,
  police_room: 4,
};

/** Jurisdiction outlines and centre points on a lazily loaded Leaflet map. */
export function JurisdictionMap({ shapes, highlightId, height = 360, onSelect, ...rest }: Props) {
  const { t } = useI18n();
  const container = useRef<HTMLDivElement>(null);
  const { ref: mapRef, config, failed } = useLeafletMap(container, (L, map) => ({ layers: L.layerGroup().addTo(map) }));
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;

  useEffect(() => {
    const current = mapRef.current;
    if (!current || !config) return;
    const { L, map, layers } = current;
    layers.clearLayers();
    const bounds = L.latLngBounds([]);
    // Larger areas first, so the smaller ones inside stay on top and can be hovered and clicked.
    const ordered = [...shapes].sort((a, b) => KIND_DEPTH[a.kind] - KIND_DEPTH[b.kind]);
    for (const shape of ordered) {
      const color = KIND_COLORS[shape.kind];
      const strong = shape.id === highlightId;
      const select = () => onSelectRef.current?.(shape.id);
      if (shape.boundary) {
        const layer = L.geoJSON(shape.boundary, {
          style: { color, weight: strong ? 3 : 1.5, fillOpacity: strong ? 0.25 : 0.08 },
        });
        layer.bindTooltip(shape.name, { sticky: true });
        layer.on('click', select);
        layer.addTo(layers);
        bounds.extend(layer.getBounds());
      }
      // Outlines speak for themselves; a dot marks a place without one, a police room, or the focus.
      const showPoint = !shape.boundary || shape.kind === 'police_room' || strong;
      if (showPoint && shape.centerLat !== null && shape.centerLon !== null) {
        const point = L.circleMarker([shape.centerLat, shape.centerLon], {
          radius: strong ? 7 : 5,
          color: '#fff',
          weight: 1.5,
          fillColor: color,
          fillOpacity: 0.95,
        });
        point.bindTooltip(shape.name);
        point.on('click', select);
        point.addTo(layers);
        bounds.extend(point.getLatLng());
      }
    }
    const highlighted = shapes.find((s) => s.id === highlightId);
    const focus = L.latLngBounds([]);
    if (highlighted?.boundary) focus.extend(L.geoJSON(highlighted.boundary).getBounds());
    else if (highlighted?.centerLat != null && highlighted.centerLon != null)
      focus.extend([highlighted.centerLat, highlighted.centerLon]);
    const target = focus.isValid() ? focus : bounds;
    map.invalidateSize();
    if (target.isValid()) map.fitBounds(target.pad(0.1), { maxZoom: 16 });
    else map.setView([30.0, 120.5], 8);
  }, [shapes, highlightId, config]);

  return <MapFrame container={container} config={config} failed={failed} label={t('map.label')} noTilesNote={t('map.noTiles')} height={height} data-testid={rest['data-testid']} />;
}
