import { useEffect, useRef } from 'react';
import { MapFrame } from '../../../app/components/MapFrame';
import { useLeafletMap } from '../../../app/components/useLeafletMap';
import { useI18n } from '../../../app/i18n/I18nProvider';
import type { Forecast, Heat, HotspotArea, ProposalArea } from '../hotspots.api';
import { hotspotText } from '../hotspots.text';

interface Props {
  areas: readonly HotspotArea[];
  /** the jurisdiction in view: the map frames its outline */
  focusId: number | undefined;
  heat: Heat | undefined;
  forecast: Forecast | undefined;
  patrolAreas: readonly ProposalArea[];
  show: { heat: boolean; risk: boolean; patrol: boolean };
  height?: number | string;
}

const M_LAT = 111_320;
/** South-west and north-east corners of a square cell of `cellM` metres around its centre. */
function cellBounds(c: { lat: number; lon: number }, cellM: number): [[number, number], [number, number]] {
  const dLat = cellM / 2 / M_LAT;
  const dLon = cellM / 2 / (M_LAT * Math.cos((c.lat * Math.PI) / 180));
  return [
    [c.lat - dLat, c.lon - dLon],
    [c.lat + dLat, c.lon + dLon],
  ];
}
const RANK_STYLE = 'display:flex;align-items:center;justify-content:center;width:20px;height:20px;border-radius:10px;background:#a8071a;color:#fff;font:600 11px/1 sans-serif;border:1px solid #fff';
/** Shift colours for patrol areas (one per band, in order). */
const SHIFT_HEX = ['#1d39c4', '#08979c', '#7cb305', '#d48806', '#531dab', '#c41d7f'];

/**
 * Jurisdiction outlines, the incident heat (circles sized by counts), the predicted-risk grid
 * (cells shaded by risk, the top cells numbered) and proposed patrol areas, on a lazily loaded
 * Leaflet map. Draws on a plain background when no tile server is configured.
 */
export function HotspotMap({ areas, focusId, heat, forecast, patrolAreas, show, height = 520 }: Props) {
  const { lang } = useI18n();
  const container = useRef<HTMLDivElement>(null);
  const { ref: mapRef, config, failed } = useLeafletMap(container, (L, map) => ({
    outlines: L.layerGroup().addTo(map),
    heat: L.layerGroup().addTo(map),
    risk: L.layerGroup().addTo(map),
    patrol: L.layerGroup().addTo(map),
  }));

  useEffect(() => {
    const current = mapRef.current;
    if (!current || !config) return;
    const { L, map, outlines } = current;
    outlines.clearLayers();
    const bounds = L.latLngBounds([]);
    const focus = areas.find((a) => a.id === focusId);
    const shown = focus ? areas.filter((a) => a.id === focus.id || a.parentId === focus.id) : areas;
    for (const area of shown) {
      if (!area.boundary) continue;
      const strong = area.id === focusId || area.kind === 'station';
      const layer = L.geoJSON(area.boundary, { style: { color: strong ? '#1d3c78' : '#13a8a8', weight: strong ? 2 : 1, fillOpacity: 0.02, dashArray: strong ? undefined : '3 3' }, interactive: false });
      layer.bindTooltip(area.name);
      layer.addTo(outlines);
      if (area.id === focusId || !focus) bounds.extend(layer.getBounds());
    }
    map.invalidateSize();
    if (bounds.isValid()) map.fitBounds(bounds.pad(0.05), { maxZoom: 15 });
    else if (focus?.centerLat != null && focus.centerLon != null) map.setView([focus.centerLat, focus.centerLon], 13);
    else map.setView([35.07, 111.06], 10);
  }, [areas, focusId, config]);

  useEffect(() => {
    const current = mapRef.current;
    if (!current || !config) return;
    const { L, map, heat: layer } = current;
    layer.clearLayers();
    if (!heat || !show.heat) return;
    const bounds = L.latLngBounds([]);
    for (const c of heat.cells) {
      const centre: [number, number] = [(c.south + c.north) / 2, (c.west + c.east) / 2];
      // Area proportional to the count: the largest cell's circle just fills its cell.
      const radius = (heat.cellM / 2) * Math.sqrt(c.count / Math.max(1, heat.maxCount));
      L.circle(centre, { radius: Math.max(radius, heat.cellM / 12), color: '#d4380d', weight: 0.5, fillColor: '#fa541c', fillOpacity: 0.35 })
        .bindTooltip(`${c.count}`)
        .addTo(layer);
      bounds.extend(centre);
    }
    if (!areas.some((a) => a.boundary) && bounds.isValid()) map.fitBounds(bounds.pad(0.1), { maxZoom: 15 });
  }, [heat, show.heat, config, areas]);

  useEffect(() => {
    const current = mapRef.current;
    if (!current || !config) return;
    const { L, risk } = current;
    risk.clearLayers();
    if (!forecast || !show.risk || forecast.cells.length === 0) return;
    const max = forecast.cells[0]!.risk;
    const topN = forecast.top.length;
    for (const c of forecast.cells) {
      const share = max > 0 ? c.risk / max : 0;
      L.rectangle(cellBounds(c, forecast.cellM), { color: c.rank <= topN ? '#a8071a' : '#cf1322', weight: c.rank <= topN ? 1.5 : 0, fillColor: '#cf1322', fillOpacity: 0.08 + 0.6 * share, className: 'fq-risk-cell' })
        .bindTooltip(`${hotspotText(lang, 'rank')} ${c.rank} · ${hotspotText(lang, 'risk')} ${Number(c.risk.toPrecision(3))}`)
        .addTo(risk);
    }
    for (const c of forecast.top) {
      L.marker([c.lat, c.lon], { icon: L.divIcon({ className: 'fq-hotspot-rank', html: `<span style="${RANK_STYLE}">${c.rank}</span>`, iconSize: [20, 20] }), keyboard: false, interactive: false }).addTo(risk);
    }
  }, [forecast, show.risk, config, lang]);

  useEffect(() => {
    const current = mapRef.current;
    if (!current || !config) return;
    const { L, map, patrol } = current;
    patrol.clearLayers();
    if (!show.patrol || patrolAreas.length === 0) return;
    const bands = [...new Set(patrolAreas.map((a) => a.band))];
    const bounds = L.latLngBounds([]);
    for (const a of patrolAreas) {
      const colour = SHIFT_HEX[bands.indexOf(a.band) % SHIFT_HEX.length]!;
      for (const c of a.cellCentres) {
        const r = L.rectangle(cellBounds(c, a.cellM), { color: colour, weight: 2, fillColor: colour, fillOpacity: 0.15, dashArray: a.mode === 'vehicle' ? '6 4' : undefined, className: 'fq-patrol-cell' });
        r.bindTooltip(`${a.band} · ${hotspotText(lang, 'area', { n: a.index })} · ${hotspotText(lang, a.mode)}`);
        r.addTo(patrol);
        bounds.extend(r.getBounds());
      }
      a.checkpoints.forEach((p) => {
        L.circleMarker([p.lat, p.lon], { radius: 5, color: '#fff', weight: 1.5, fillColor: colour, fillOpacity: 1 }).bindTooltip(p.name).addTo(patrol);
      });
    }
    if (bounds.isValid()) map.fitBounds(bounds.pad(0.3), { maxZoom: 16 });
  }, [patrolAreas, show.patrol, config, lang]);

  return <MapFrame container={container} config={config} failed={failed} label={hotspotText(lang, 'map')} noTilesNote={hotspotText(lang, 'mapNoTiles')} failedText={hotspotText(lang, 'map')} height={height} data-testid="hotspot-map" />;
}
