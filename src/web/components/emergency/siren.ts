/**
 * The alarm of an unanswered emergency on a staff screen: a rising two-tone beep made by an
 * oscillator (no sound file), repeated until someone takes it. Browsers keep audio locked until
 * the person has touched the page; any touch or key unlocks it (listenForUnlock), and until then
 * the alert says the sound is off.
 */
type AudioCtor = typeof AudioContext;

let audio: AudioContext | null = null;

function context(): AudioContext | null {
  if (!audio) {
    const Ctor: AudioCtor | undefined =
      window.AudioContext ?? (window as unknown as { webkitAudioContext?: AudioCtor }).webkitAudioContext;
    if (!Ctor) return null;
    audio = new Ctor();
  }
  return audio;
}

export function sirenReady(): boolean {
  return audio?.state === 'running';
}

/**
 * Sound at once when the page has already been touched (the sign-in before this loaded): the
 * browser then lets a new audio context play. True when it can.
 */
export async function unlockIfActivated(): Promise<boolean> {
  const activation = (navigator as Navigator & { userActivation?: { hasBeenActive: boolean } }).userActivation;
  if (!activation?.hasBeenActive) return false;
  const ctx = context();
  if (!ctx) return false;
  await ctx.resume().catch(() => undefined);
  return ctx.state === 'running';
}

/** Resumes audio on the page's first touch or key; calls back when sound can play. */
export function listenForUnlock(onReady: () => void): () => void {
  const unlock = () => {
    const ctx = context();
    if (!ctx) return;
    void ctx
      .resume()
      .then(() => {
        if (ctx.state === 'running') onReady();
      })
      .catch(() => undefined);
  };
  const options = { capture: true, passive: true } as const;
  window.addEventListener('pointerdown', unlock, options);
  window.addEventListener('keydown', unlock, options);
  return () => {
    window.removeEventListener('pointerdown', unlock, options);
    window.removeEventListener('keydown', unlock, options);
  };
}

/** One burst: three rising pairs of tones, about 1.3 s; nothing while audio is locked. */
export function sirenBurst(): void {
  const ctx = audio;
  if (ctx?.state !== 'running') return;
  const start = ctx.currentTime + 0.05;
  for (let i = 0; i < 3; i++) {
    tone(ctx, 740, start + i * 0.44, 0.2);
    tone(ctx, 988, start + i * 0.44 + 0.2, 0.2);
  }
}

function tone(ctx: AudioContext, hz: number, at: number, seconds: number): void {
  const osc = ctx.createOscillator();
  const gain = ctx.createGain();
  osc.type = 'square';
  osc.frequency.value = hz;
  gain.gain.setValueAtTime(0.0001, at);
  gain.gain.exponentialRampToValueAtTime(0.25, at + 0.02);
  gain.gain.exponentialRampToValueAtTime(0.0001, at + seconds);
  osc.connect(gain).connect(ctx.destination);
  osc.start(at);
  osc.stop(at + seconds + 0.02);
}
