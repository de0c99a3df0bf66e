/**
 * Figures in the UI language's way: Bahasa Indonesia writes 12,5 and 1.234, English 12.5 and
 * 1,234. Times arrive in seconds and are shown in minutes. A missing figure is a dash.
 */
import { currentLang } from '../../i18n';

export const NONE = '—';

const locale = () => (currentLang() === 'en' ? 'en-US' : 'id-ID');

export function formatNumber(n: number | null | undefined, digits = 0): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return NONE;
  return new Intl.NumberFormat(locale(), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);
}

/** Seconds as minutes with one decimal: 750 → "12,5". */
export function formatMinutes(seconds: number | null | undefined, digits = 1): string {
  if (seconds === null || seconds === undefined) return NONE;
  return formatNumber(seconds / 60, digits);
}

/** A share 0–1 as a percentage with one decimal: 0.875 → "87,5%". */
export function formatShare(share: number | null | undefined): string {
  if (share === null || share === undefined) return NONE;
  return new Intl.NumberFormat(locale(), {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(share);
}

/** IKM with two decimals, no grouping: 85,28. */
export function formatIkm(ikm: number | null | undefined): string {
  if (ikm === null || ikm === undefined) return NONE;
  return new Intl.NumberFormat(locale(), {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
    useGrouping: false,
  }).format(ikm);
}
