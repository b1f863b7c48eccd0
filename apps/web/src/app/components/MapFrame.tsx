import { Alert, Spin } from 'antd';
import type { RefObject } from 'react';
import type { MapConfig } from '../config';
import { useI18n } from '../i18n/I18nProvider';

interface Props {
  /** The box Leaflet draws into: the ref given to useLeafletMap. */
  container: RefObject<HTMLDivElement | null>;
  /** useLeafletMap's `config` (null while loading) and `failed`. */
  config: MapConfig | null;
  failed: boolean;
  /** The map's accessible name. */
  label: string;
  /** Shown over the map when no tile server is configured (what the plain map still shows); none when omitted. */
  noTilesNote?: string | undefined;
  /** Shown instead of the map when Leaflet could not load; 地图加载失败 by default. */
  failedText?: string | undefined;
  height: number | string;
  'data-testid'?: string | undefined;
}

/**
 * The frame around every Leaflet map: a full-width box of the given height (so it fits a 375 px
 * phone) with the map's accessible name, a spinner while Leaflet and the map configuration load,
 * the no-tiles note, and a warning instead of the map when Leaflet could not load. The map itself
 * comes from useLeafletMap(container, …).
 */
export function MapFrame({ container, config, failed, label, noTilesNote, failedText, height, ...rest }: Props) {
  const { t } = useI18n();
  if (failed) return <Alert type="warning" showIcon title={failedText ?? t('map.loadFailed')} />;
  return (
    <div style={{ position: 'relative' }}>
      <div ref={container} role="region" aria-label={label} className="fq-map" style={{ height, width: '100%' }} data-testid={rest['data-testid']} />
      {!config && (
        <div className="fq-map-loading">
          <Spin />
        </div>
      )}
      {config && !config.tileUrl && noTilesNote && (
        <div className="fq-map-note" aria-live="polite">
          {noTilesNote}
        </div>
      )}
    </div>
  );
}
