import { useEffect, useRef } from 'react';
import { MapFrame } from '../../../app/components/MapFrame';
import { useLeafletMap } from '../../../app/components/useLeafletMap';
import { useI18n } from '../../../app/i18n/I18nProvider';
import type { IncidentKind } from '../../incidents/incidents.api';
import type { BoardArea, BoardIncident } from '../board.api';
import { boardText } from '../board.text';

interface Props {
  areas: readonly BoardArea[];
  incidents: readonly BoardIncident[];
  /** Incidents that just arrived: drawn larger. */
  fresh: ReadonlySet<number>;
  onSelect?: (id: number) => void;
  height?: number | string;
}

/** Point colours by incident kind (the list's tag colours). */
const KIND_HEX: Record<IncidentKind, string> = {
  criminal: '#cf1322',
  public_order: '#d4380d',
  traffic: '#d4b106',
  fire: '#c41d7f',
  help: '#389e0d',
  dispute: '#fa8c16',
  report: '#1677ff',
  complaint: '#722ed1',
  other: '#8c8c8c',
};

const located = (i: BoardIncident): i is BoardIncident & { lat: number; lon: number } => i.lat !== null && i.lon !== null;

/**
 * Jurisdiction outlines and today's incidents on a lazily loaded Leaflet map. Without a tile
 * server (FENGQIAO_TILE_URL unset) it draws the outlines and points on a plain background.
 * The view is framed when the areas change (a new filter), not on every new incident.
 */
export function BoardMap({ areas, incidents, fresh, onSelect, height = 420 }: Props) {
  const { lang } = useI18n();
  const container = useRef<HTMLDivElement>(null);
  const { ref: mapRef, config, failed } = useLeafletMap(container, (L, map) => ({ outlines: L.layerGroup().addTo(map), points: L.layerGroup().addTo(map), framed: false }));
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;

  // Outlines: stations stronger than the communities and villages inside them.
  useEffect(() => {
    const current = mapRef.current;
    if (!current || !config) return;
    const { L, map, outlines } = current;
    outlines.clearLayers();
    const bounds = L.latLngBounds([]);
    const ordered = [...areas].sort((a, b) => (a.kind === 'station' ? 0 : 1) - (b.kind === 'station' ? 0 : 1));
    for (const area of ordered) {
      const station = area.kind === 'station';
      if (area.boundary) {
        const layer = L.geoJSON(area.boundary, { style: { color: station ? '#1d3c78' : '#13a8a8', weight: station ? 2 : 1, fillOpacity: station ? 0.03 : 0.06, dashArray: station ? undefined : '3 3' }, interactive: false });
        layer.addTo(outlines);
        bounds.extend(layer.getBounds());
      } else if (area.centerLat !== null && area.centerLon !== null) {
        const dot = L.circleMarker([area.centerLat, area.centerLon], { radius: 3, color: '#8c8c8c', weight: 1, fillOpacity: 0.5, interactive: false });
        dot.addTo(outlines);
        bounds.extend(dot.getLatLng());
      }
    }
    map.invalidateSize();
    current.framed = bounds.isValid();
    if (bounds.isValid()) map.fitBounds(bounds.pad(0.05), { maxZoom: 15 });
    else map.setView([35.07, 111.06], 10);
  }, [areas, config]);

  useEffect(() => {
    const current = mapRef.current;
    if (!current || !config) return;
    const { L, map, points } = current;
    points.clearLayers();
    const bounds = L.latLngBounds([]);
    // Older first, so the newest are drawn on top.
    for (const i of [...incidents].reverse()) {
      if (!located(i)) continue;
      const isFresh = fresh.has(i.id);
      const dot = L.circleMarker([i.lat, i.lon], { radius: isFresh ? 10 : 6, color: isFresh ? '#000' : '#fff', weight: isFresh ? 2.5 : 1.5, fillColor: KIND_HEX[i.kind], fillOpacity: 0.9 });
      dot.bindTooltip(`${i.categoryName} · ${i.summary}`);
      dot.on('click', () => onSelectRef.current?.(i.id));
      dot.addTo(points);
      bounds.extend(dot.getLatLng());
    }
    // With no outlines to frame, frame the points once.
    if (!current.framed && bounds.isValid()) {
      current.framed = true;
      map.fitBounds(bounds.pad(0.2), { maxZoom: 15 });
    }
  }, [incidents, fresh, config]);

  return <MapFrame container={container} config={config} failed={failed} label={boardText(lang, 'map')} noTilesNote={boardText(lang, 'mapNoTiles')} height={height} data-testid="board-map" />;
}
