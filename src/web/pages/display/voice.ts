/**
 * The hall's voice in the browser: a two-tone chime (WebAudio, no audio files) and then the call
 * spoken in Indonesian by the browser's speech synthesis.
 */

export type SoundState = 'checking' | 'ready' | 'blocked';

const CHIME_MS = 1_000;
const CHECK_MS = 800;

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function audioContextClass(): typeof AudioContext | undefined {
  return window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
}

export class HallVoice {
  private ctx: AudioContext | null = null;
  private voice: SpeechSynthesisVoice | null = null;
  /** Held so the browser does not garbage-collect an utterance and lose its onend. */
  private readonly held = new Set<SpeechSynthesisUtterance>();
  private readonly pickVoice = () => {
    const voices = window.speechSynthesis?.getVoices() ?? [];
    const id = (v: SpeechSynthesisVoice) => v.lang.replace('_', '-').toLowerCase();
    this.voice = voices.find((v) => id(v) === 'id-id') ?? voices.find((v) => id(v).startsWith('id')) ?? null;
  };

  constructor(private readonly onState: (state: SoundState) => void) {
    if (window.speechSynthesis) {
      this.pickVoice();
      // Voices load asynchronously in Chromium: the list is often empty at first.
      window.speechSynthesis.addEventListener('voiceschanged', this.pickVoice);
    }
  }

  /** Whether the browser lets this page make sound without a touch (kiosk flag), else 'blocked'. */
  async check(): Promise<void> {
    const Ctx = audioContextClass();
    if (!Ctx) {
      this.onState('ready');
      return;
    }
    try {
      this.ctx ??= new Ctx();
    } catch {
      this.onState('ready');
      return;
    }
    // resume() stays pending until a gesture when autoplay is blocked, hence the race.
    if (this.ctx.state !== 'running') await Promise.race([this.ctx.resume().catch(() => undefined), wait(CHECK_MS)]);
    this.onState(this.ctx.state === 'running' ? 'ready' : 'blocked');
  }

  /** Called from a click: the gesture lets audio and speech start. */
  enable(): void {
    const Ctx = audioContextClass();
    if (Ctx && !this.ctx) {
      try {
        this.ctx = new Ctx();
      } catch {
        // no WebAudio: speech alone will do
      }
    }
    void this.ctx?.resume().then(() => this.chime());
    // Once the user has touched the page speech is allowed, even if this device has no audio output for WebAudio.
    this.onState('ready');
  }

  /** The chime, then the sentence; done when it has been spoken (or failed). */
  async announce(text: string, done: () => void): Promise<void> {
    await this.chime();
    this.say(text, done);
  }

  dispose(): void {
    window.speechSynthesis?.removeEventListener('voiceschanged', this.pickVoice);
    void this.ctx?.close().catch(() => undefined);
    this.ctx = null;
  }

  /** Two tones, high then low ("ding-dong"); skipped when the audio context is not running. */
  private async chime(): Promise<void> {
    const ctx = this.ctx;
    if (ctx?.state !== 'running') return;
    const start = ctx.currentTime + 0.05;
    this.tone(ctx, 880, start, 0.4);
    this.tone(ctx, 659.25, start + 0.35, 0.6);
    await wait(CHIME_MS);
  }

  private tone(ctx: AudioContext, hz: number, at: number, seconds: number): void {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'sine';
    osc.frequency.value = hz;
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(0.5, at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + seconds);
    osc.connect(gain).connect(ctx.destination);
    osc.start(at);
    osc.stop(at + seconds + 0.05);
  }

  private say(text: string, done: () => void): void {
    if (!window.speechSynthesis || typeof SpeechSynthesisUtterance === 'undefined') {
      done();
      return;
    }
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = 'id-ID';
    utterance.rate = 0.9;
    if (this.voice) utterance.voice = this.voice;
    utterance.onend = () => {
      this.held.delete(utterance);
      done();
    };
    utterance.onerror = (e) => {
      this.held.delete(utterance);
      if (e.error === 'not-allowed') this.onState('blocked');
      done();
    };
    // Without onend (no voices) the set keeps at most the few utterances of a safety timeout each.
    if (this.held.size > 20) this.held.clear();
    this.held.add(utterance);
    // Looked up on each call (not cached): tests and kiosks may replace speak after load.
    window.speechSynthesis.speak(utterance);
  }
}
