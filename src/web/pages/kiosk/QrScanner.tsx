import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { secondaryButton } from './ui';

/** The part of the Shape Detection API the scanner uses (Chromium has it; types are not in lib.dom). */
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}
type BarcodeDetectorClass = new (options: { formats: string[] }) => BarcodeDetectorLike;

function detectorClass(): BarcodeDetectorClass | null {
  const c = (window as unknown as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  return typeof c === 'function' && typeof navigator.mediaDevices?.getUserMedia === 'function' ? c : null;
}

/** Whether this kiosk can scan: a camera API and QR detection in the browser. */
export const canScan = () => detectorClass() !== null;

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
    const Detector = detectorClass();
    if (!Detector) {
      setFailed(true);
      return;
    }
    const detector = new Detector({ formats: ['qr_code'] });
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const scan = async () => {
      if (stopped || !video.current) return;
      try {
        const [found] = await detector.detect(video.current);
        if (found?.rawValue && !stopped) {
          onCode(found.rawValue);
          return;
        }
      } catch {
        // a frame not ready yet: try the next one
      }
      timer = setTimeout(() => void scan(), SCAN_EVERY_MS);
    };
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'user' }, audio: false })
      .then(async (s) => {
        stream = s;
        if (stopped || !video.current) return;
        video.current.srcObject = s;
        await video.current.play();
        void scan();
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
