import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { secondaryButton } from './ui';

/** The part of the Shape Detection API the scanner uses where the browser has it (types are not in lib.dom). */
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}
type BarcodeDetectorClass = new (options: { formats: string[] }) => BarcodeDetectorLike;

/** Reads a QR in the current video frame, or null. */
type FrameReader = (video: HTMLVideoElement) => Promise<string | null>;

/**
 * The browser's own detector where it has one (Android, macOS, ChromeOS); elsewhere (Windows and
 * Linux kiosks) jsQR over the frame drawn on a canvas, loaded only when the camera is opened.
 */
async function frameReader(): Promise<FrameReader> {
  const Native = (window as unknown as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  if (typeof Native === 'function') {
    const detector = new Native({ formats: ['qr_code'] });
    return async (video) => (await detector.detect(video))[0]?.rawValue ?? null;
  }
  const { default: jsQR } = await import('jsqr');
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  return async (video) => {
    if (!context || video.videoWidth === 0) return null;
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    context.drawImage(video, 0, 0);
    const frame = context.getImageData(0, 0, canvas.width, canvas.height);
    return jsQR(frame.data, frame.width, frame.height, { inversionAttempts: 'dontInvert' })?.data ?? null;
  };
}

/** Whether this kiosk has a camera to scan with (asked once; false where the browser cannot say). */
export function useCanScan(): boolean {
  const [can, setCan] = useState(false);
  useEffect(() => {
    let live = true;
    const devices = navigator.mediaDevices;
    if (typeof devices?.getUserMedia !== 'function' || typeof devices.enumerateDevices !== 'function') return;
    devices.enumerateDevices().then(
      (list) => live && setCan(list.some((d) => d.kind === 'videoinput')),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return can;
}

const SCAN_EVERY_MS = 250;

interface Props {
  onCode: (text: string) => void;
  onClose: () => void;
}

/** The kiosk camera, looking for the booking's QR (which holds its code) until one is seen. */
export function QrScanner({ onCode, onClose }: Props) {
  const { t } = useTranslation('kiosk');
  const video = useRef<HTMLVideoElement>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const scan = async (read: FrameReader) => {
      if (stopped || !video.current) return;
      try {
        const found = await read(video.current);
        if (found && !stopped) {
          onCode(found);
          return;
        }
      } catch {
        // a frame not ready yet: try the next one
      }
      timer = setTimeout(() => void scan(read), SCAN_EVERY_MS);
    };
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'user' }, audio: false })
      .then(async (s) => {
        stream = s;
        if (stopped || !video.current) {
          for (const track of s.getTracks()) track.stop();
          return;
        }
        video.current.srcObject = s;
        await video.current.play();
        void scan(await frameReader());
      })
      .catch(() => setFailed(true));
    return () => {
      stopped = true;
      clearTimeout(timer);
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, [onCode]);

  return (
    <div className="flex w-full flex-col items-center gap-6">
      {failed ? (
        <p role="alert" className="text-[36px] font-semibold text-slate-900">
          {t('checkIn.cameraFailed')}
        </p>
      ) : (
        <>
          <p className="text-[36px] font-semibold text-slate-900">{t('checkIn.holdQr')}</p>
          <video
            ref={video}
            muted
            playsInline
            aria-label={t('checkIn.camera')}
            className="aspect-[4/3] w-full max-w-[820px] rounded-3xl border-8 border-brand-600 bg-black object-cover"
          />
        </>
      )}
      <button type="button" onClick={onClose} className={`${secondaryButton} w-full max-w-[820px]`}>
        {t('checkIn.typeInstead')}
      </button>
    </div>
  );
}
