/**
 * The letters in an agency's circle: its acronym when the short name starts with one, cut to
 * three letters past four ("BPJS Kesehatan" → "BPJS", "DPMPTSP" → "DPM"), else the first letters
 * of its first two words ("Polres Blora" → "PB", "Dindukcapil" → "D").
 */
export function agencyInitials(shortName: string): string {
  const words = shortName.trim().split(/\s+/).filter(Boolean);
  const first = words[0] ?? '';
  if (/^[A-Z0-9]{2,}$/.test(first)) return first.length > 4 ? first.slice(0, 3) : first;
  return words
    .slice(0, 2)
    .map((w) => w.charAt(0).toUpperCase())
    .join('');
}
