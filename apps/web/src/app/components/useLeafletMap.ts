import type * as Leaflet from 'leaflet';
import { useEffect, useRef, useState, type RefObject } from 'react';
import { loadMapConfig, type MapConfig } from '../config';

export type LeafletModule = typeof Leaflet;

/** Leaflet and its stylesheet, loaded on first use (the maps are lazy). */
export async function loadLeaflet(): Promise<LeafletModule> {
  const [mod] = await Promise.all([import('leaflet'), import('leaflet/dist/leaflet.css')]);
  // The ESM build exposes the namespace as default in some bundlers.
  return (mod as unknown as { default?: LeafletModule }).default ?? mod;
}

export type LeafletHandle<T> = T & { L: LeafletModule; map: Leaflet.Map };

/**
 * The one way a page puts a Leaflet map into `container`: once Leaflet and the server's map
 * configuration have loaded, a map with a plain-text credit and the configured tiles (none when no
 * tile server is set: the caller's outlines and points then stand on a plain background). `setup`
 * adds the caller's own layers; they are in `ref.current` beside `L` and `map`. `config` is set
 * once the map exists (effects drawing layers wait for it); `failed` when Leaflet could not load.
 * The map follows its box's size. Put `container` in a MapFrame (the box, spinner and notes).
 */
export function useLeafletMap<T extends object>(container: RefObject<HTMLDivElement | null>, setup: (L: LeafletModule, map: Leaflet.Map) => T) {
  const ref = useRef<LeafletHandle<T> | null>(null);
  const [config, setConfig] = useState<MapConfig | null>(null);
  const [failed, setFailed] = useState(false);
  const setupRef = useRef(setup);
  setupRef.current = setup;

  useEffect(() => {
    let cancelled = false;
    Promise.all([loadLeaflet(), loadMapConfig()])
      .then(([L, cfg]) => {
        if (cancelled || !container.current) return;
        const map = L.map(container.current, { zoomControl: true, attributionControl: true, zoomSnap: 0.25 });
        // A plain text credit; Leaflet's default prefix carries a national flag.
        map.attributionControl.setPrefix('<a href="https://leafletjs.com" target="_blank" rel="noreferrer">Leaflet</a>');
        if (cfg.tileUrl) L.tileLayer(cfg.tileUrl, { attribution: cfg.tileAttribution ?? '', maxZoom: 19 }).addTo(map);
        ref.current = { ...setupRef.current(L, map), L, map };
        setConfig(cfg);
      })
      .catch(() => {
        if (!cancelled) setFailed(true);
      });
    return () => {
      cancelled = true;
      ref.current?.map.remove();
      ref.current = null;
    };
  }, [container]);

  // Keep the map sized to its box when the layout changes (menu collapsing, rotation, shown again).
  useEffect(() => {
    const el = container.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => ref.current?.map.invalidateSize());
    observer.observe(el);
    return () => observer.disconnect();
  }, [container]);

  return { ref, config, failed };
}
