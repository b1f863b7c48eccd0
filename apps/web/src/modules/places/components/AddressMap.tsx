import { useEffect, useRef } from 'react';
import { MapFrame } from '../../../app/components/MapFrame';
import { useLeafletMap } from '../../../app/components/useLeafletMap';
import { useI18n } from '../../../app/i18n/I18nProvider';
import type { GeoPolygon } from '../../org/org.api';

export interface MapPoint {
  id: number;
  name: string;
  lat: number | null;
  lon: number | null;
}

interface Props {
  /** The selected address, drawn larger. */
  focus: MapPoint | null;
  /** Its children, drawn as small dots. */
  points: readonly MapPoint[];
  /** The boundary of the address's jurisdiction (grid, community …), drawn for context. */
  outline?: { name: string; boundary: GeoPolygon } | null;
  height?: number | string;
  onSelect?: (id: number) => void;
}

const located = (p: MapPoint | null): p is MapPoint & { lat: number; lon: number } => !!p && p.lat !== null && p.lon !== null;

/** An address and its children as points on a lazily loaded Leaflet map (no tiles unless configured). */
export function AddressMap({ focus, points, outline, height = 320, onSelect }: Props) {
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
    if (outline) {
      const area = L.geoJSON(outline.boundary, { style: { color: '#1677ff', weight: 1.5, dashArray: '4 4', fillOpacity: 0.04 }, interactive: false });
      area.addTo(layers);
      bounds.extend(area.getBounds());
    }
    for (const p of points) {
      if (!located(p) || p.id === focus?.id) continue;
      const dot = L.circleMarker([p.lat, p.lon], { radius: 5, color: '#fff', weight: 1, fillColor: '#13a8a8', fillOpacity: 0.9 });
      dot.bindTooltip(p.name);
      dot.on('click', () => onSelectRef.current?.(p.id));
      dot.addTo(layers);
      bounds.extend(dot.getLatLng());
    }
    if (located(focus)) {
      const mark = L.circleMarker([focus.lat, focus.lon], { radius: 9, color: '#fff', weight: 2, fillColor: '#d4380d', fillOpacity: 0.95 });
      mark.bindTooltip(focus.name, { permanent: points.length === 0, direction: 'top', offset: [0, -8] });
      mark.addTo(layers);
      bounds.extend(mark.getLatLng());
    }
    map.invalidateSize();
    if (bounds.isValid()) map.fitBounds(bounds.pad(0.2), { maxZoom: 17 });
    else map.setView([35.07, 111.06], 10);
  }, [points, focus, outline, config]);

  return <MapFrame container={container} config={config} failed={failed} label={t('places.map')} noTilesNote={t('places.mapNoTiles')} height={height} data-testid="places-map" />;
}
