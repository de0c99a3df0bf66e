/**
 * The beep and the vibration for "your number is called". Browsers keep audio (and often
 * vibration) locked until the person has touched the page, so unlockAlerts() is called from a
 * button; without it the call may stay silent, and the banner alone has to do.
 */
type AudioCtor = typeof AudioContext;

let audio: AudioContext | null = null;

function audioContext(): AudioContext | null {
  if (!audio) {
    const Ctor: AudioCtor | undefined =
      window.AudioContext ?? (window as unknown as { webkitAudioContext?: AudioCtor }).webkitAudioContext;
    if (!Ctor) return null;
    audio = new Ctor();
  }
  return audio;
}

/** True once a touch has unlocked sound on this page (it stays unlocked until the page closes). */
export function alertsUnlocked(): boolean {
  return audio?.state === 'running';
}

/** Call from a click: resumes the audio context. True when sound can now play. */
export async function unlockAlerts(): Promise<boolean> {
  const ctx = audioContext();
  if (!ctx) return false;
  try {
    await ctx.resume();
  } catch {
    return false;
  }
  return ctx.state === 'running';
}

/** A few short high beeps, made by an oscillator so no sound file has to be downloaded. */
export function beep(times = 3): void {
  // Before any touch, creating an AudioContext only earns a console warning: skip it.
  const ctx = audio;
  if (!ctx) return;
  if (ctx.state !== 'running') void ctx.resume().catch(() => undefined);
  const start = ctx.currentTime + 0.05;
  for (let i = 0; i < times; i++) {
    const t0 = start + i * 0.4;
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'sine';
    osc.frequency.value = 880;
    gain.gain.setValueAtTime(0.0001, t0);
    gain.gain.exponentialRampToValueAtTime(0.5, t0 + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, t0 + 0.3);
    osc.connect(gain).connect(ctx.destination);
    osc.start(t0);
    osc.stop(t0 + 0.32);
  }
}

export function vibrate(pattern: number | number[]): void {
  if (typeof navigator.vibrate !== 'function') return;
  try {
    navigator.vibrate(pattern);
  } catch {
    // some browsers throw without a prior touch; the banner still shows
  }
}

/** Everything a phone can do to get attention when the number is called. */
export function alertCalled(): void {
  beep();
  vibrate([400, 150, 400, 150, 400]);
}
