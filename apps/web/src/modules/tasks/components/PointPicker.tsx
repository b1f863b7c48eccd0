import type * as Leaflet from 'leaflet';
import { useEffect, useRef } from 'react';
import { useLeafletMap } from '../../../app/components/useLeafletMap';

interface Props {
  lat: number | null;
  lon: number | null;
  radiusM?: number | null;
  /** Where the map opens when no point is chosen yet. */
  center: [number, number];
  onPick: (lat: number, lon: number) => void;
  label: string;
}

/** A small map: a click sets the point; the point and its radius are drawn. The lat/lon fields beside it stay the keyboard way. */
export function PointPicker({ lat, lon, radiusM, center, onPick, label }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const pick = useRef(onPick);
  pick.current = onPick;
  const { ref, config } = useLeafletMap(box, (L, map) => {
    map.setView(center, 15);
    map.on('click', (e: Leaflet.LeafletMouseEvent) => pick.current(Number(e.latlng.lat.toFixed(6)), Number(e.latlng.lng.toFixed(6))));
    return { layer: L.layerGroup().addTo(map) };
  });
  useEffect(() => {
    const h = ref.current;
    if (!h || !config) return;
    h.layer.clearLayers();
    if (lat === null || lon === null) return;
    h.L.circleMarker([lat, lon], { radius: 7, color: '#1d5fd1', fillOpacity: 0.9 }).addTo(h.layer);
    if (radiusM) h.L.circle([lat, lon], { radius: radiusM, color: '#1d5fd1', weight: 1, fillOpacity: 0.1 }).addTo(h.layer);
    h.map.panTo([lat, lon]);
  }, [ref, config, lat, lon, radiusM]);
  return <div ref={box} role="application" aria-label={label} style={{ height: 240, width: '100%', borderRadius: 8, border: '1px solid #e4e8f0' }} />;
}
