import { currentLang } from '../../i18n';

/** Two decimals in the UI language's way: 85,28 in Bahasa Indonesia, 85.28 in English. */
export function twoDecimals(n: number): string {
  return new Intl.NumberFormat(currentLang() === 'en' ? 'en-US' : 'id-ID', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
    useGrouping: false,
  }).format(n);
}

export function signedTwoDecimals(n: number): string {
  return `${n > 0 ? '+' : n < 0 ? '−' : '±'}${twoDecimals(Math.abs(n))}`;
}
