/** The display's voice as a hook: announce(call) queues the call's chime and sentence. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CallEvent } from '../../../api/events';
import { SpeechQueue, utteranceText } from './speech-queue';
import { HallVoice, type SoundState } from './voice';

/** The longest one call may hold the queue when the browser never reports the end of speech. */
const SAFETY_TIMEOUT_MS = 10_000;

export function useHallVoice() {
  const [sound, setSound] = useState<SoundState>('checking');
  const ref = useRef<{ voice: HallVoice; queue: SpeechQueue<CallEvent> } | null>(null);

  useEffect(() => {
    const voice = new HallVoice(setSound);
    const queue = new SpeechQueue<CallEvent>((call, done) => {
      void voice.announce(utteranceText(call), done).catch(done);
    }, SAFETY_TIMEOUT_MS);
    ref.current = { voice, queue };
    void voice.check();
    return () => {
      queue.stop();
      voice.dispose();
      ref.current = null;
    };
  }, []);

  const announce = useCallback((call: CallEvent) => ref.current?.queue.push(call), []);
  const enable = useCallback(() => ref.current?.voice.enable(), []);
  return { sound, announce, enable };
}
