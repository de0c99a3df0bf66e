/**
 * Folds text for search: lower case, accents removed, every run of non-letters and non-digits one
 * space. "KTP-el" and "ktp el" fold alike, so "ktp" finds it word by word.
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The query's words, folded; a service matches when each of them starts a word of its text. */
export function queryWords(query: string): string[] {
  return foldForSearch(query).split(' ').filter(Boolean);
}
