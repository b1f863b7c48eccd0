import { useCallback, useState } from 'react';
import type { TaskTextKey } from '../tasks.text';

export interface Position {
  lat: number;
  lon: number;
  accuracy: number;
}

/** One position from the phone (navigator.geolocation), as a promise; the failure is a text key. */
export function useGeolocation() {
  const [locating, setLocating] = useState(false);
  const [problem, setProblem] = useState<TaskTextKey | null>(null);
  const locate = useCallback(
    () =>
      new Promise<Position | null>((resolve) => {
        if (!('geolocation' in navigator)) {
          setProblem('geoUnsupported');
          resolve(null);
          return;
        }
        setLocating(true);
        setProblem(null);
        navigator.geolocation.getCurrentPosition(
          (p) => {
            setLocating(false);
            resolve({ lat: p.coords.latitude, lon: p.coords.longitude, accuracy: Math.round(p.coords.accuracy) });
          },
          (err) => {
            setLocating(false);
            setProblem(err.code === err.PERMISSION_DENIED ? 'geoDenied' : 'geoFailed');
            resolve(null);
          },
          { enableHighAccuracy: true, timeout: 15_000, maximumAge: 30_000 },
        );
      }),
    [],
  );
  return { locate, locating, problem };
}
