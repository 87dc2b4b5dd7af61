/**
 * Starts the media engine for the signed-in agent's window and stops it on sign-out or unmount.
 * Environments without WebRTC (jsdom in component tests) simply run without media.
 */
import { useEffect } from 'react';
import { useDesk, useDeskApi } from '../../../app/context';
import { MediaEngine } from './engine';
import { errorMessage } from '@shared/common/errors';

let current: MediaEngine | null = null;

/** The running engine (device pickers and the self-test talk to it). */
export function mediaEngine(): MediaEngine | null {
  return current;
}

export function useMediaHost(): void {
  const api = useDeskApi();
  const shiftId = useDesk((s) => s.session?.shift.id ?? null);
  const setMediaError = useDesk((s) => s.setMediaError);
  const setDevices = useDesk((s) => s.setDevices);
  useEffect(() => {
    if (!shiftId || typeof RTCPeerConnection === 'undefined') return;
    const engine = new MediaEngine(api, {
      onError: (message) => setMediaError(message),
      onDevices: (lists, choice) => setDevices({ lists, choice }),
    });
    current = engine;
    engine.start().then(
      () => setMediaError(null),
      (err: unknown) => setMediaError(errorMessage(err)),
    );
    if (typeof Notification !== 'undefined' && Notification.permission === 'default') {
      void Notification.requestPermission().catch(() => undefined);
    }
    return () => {
      engine.stop();
      if (current === engine) current = null;
    };
  }, [api, shiftId, setMediaError, setDevices]);
}
