/** Small formatting rules of the portal: money, opening hours, agency badges. */
import type { Span } from '../../../domain/schedule';

const rupiah = new Intl.NumberFormat('id-ID', {
  style: 'currency',
  currency: 'IDR',
  minimumFractionDigits: 0,
  maximumFractionDigits: 0,
});

/** "Rp 30.000" (Intl puts a no-break space after "Rp" so it never wraps away from the amount). */
export function formatRupiah(amount: number): string {
  return rupiah.format(amount);
}

/** One day's spans as people read them: "08:00–15:00, 19:00–21:00", "24 jam", or "Tutup". */
export function formatSpans(spans: Span[], words: { closed: string; allDay: string }): string {
  if (spans.length === 0) return words.closed;
  return spans
    .map((s) => (s.open === '00:00' && s.close === '24:00' ? words.allDay : `${s.open}–${s.close}`))
    .join(', ');
}

/** Monday = 0 … Sunday = 6, for a local date "YYYY-MM-DD" (the mall's "today"). */
export function weekdayIndex(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return (day + 6) % 7;
}

/**
 * Two or three letters for the coloured badge: "BPJS Kesehatan" → "BK", "DPMPTSP" → "DPM",
 * "Polres" → "Po". Words of the mall's own name ("Blora" in "Polres Blora") say nothing, so they go.
 */
export function initials(shortName: string, mallName = ''): string {
  const place = new Set(mallName.toLowerCase().split(/\s+/));
  const all = shortName.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const words = all.filter((w) => !place.has(w.toLowerCase()));
  const [first = all[0] ?? '', second] = words.length > 0 ? words : all;
  if (second) return `${first[0] ?? ''}${second[0] ?? ''}`.toUpperCase();
  if (first === first.toUpperCase()) return first.slice(0, 3);
  return `${first[0]?.toUpperCase() ?? ''}${first[1]?.toLowerCase() ?? ''}`;
}

function luminance(hex: string): number {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex);
  if (!m?.[1]) return 0;
  const n = Number.parseInt(m[1], 16);
  const channel = (c: number) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

/** White or near-black, whichever reads better on the agency's colour (WCAG contrast). */
export function textOn(background: string): string {
  const l = luminance(background);
  const onWhite = 1.05 / (l + 0.05);
  const onBlack = (l + 0.05) / 0.05;
  return onWhite >= onBlack ? '#ffffff' : '#020617';
}
