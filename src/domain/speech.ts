/**
 * The words a display speaks for a call, in Indonesian: "Nomor antrian A nol dua puluh tiga,
 * silakan menuju loket tiga". Pure, so the same words are tested here and spoken in the hall.
 */

const UNITS = ['nol', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan'];

/** A whole number 0 … 999 999 999 in Indonesian words: 11 "sebelas", 100 "seratus", 1000 "seribu". */
export function spellNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= 1_000_000_000) throw new RangeError(`cannot spell ${n}`);
  if (n < 10) return UNITS[n] as string;
  if (n === 10) return 'sepuluh';
  if (n === 11) return 'sebelas';
  if (n < 20) return `${UNITS[n - 10]} belas`;
  if (n < 100) return join(`${UNITS[Math.floor(n / 10)]} puluh`, n % 10);
  if (n < 200) return join('seratus', n - 100);
  if (n < 1000) return join(`${UNITS[Math.floor(n / 100)]} ratus`, n % 100);
  if (n < 2000) return join('seribu', n - 1000);
  if (n < 1_000_000) return join(`${spellNumber(Math.floor(n / 1000))} ribu`, n % 1000);
  return join(`${spellNumber(Math.floor(n / 1_000_000))} juta`, n % 1_000_000);
}

function join(head: string, rest: number): string {
  return rest === 0 ? head : `${head} ${spellNumber(rest)}`;
}

/** Letters as Indonesians read them aloud, so a speech engine says "A", "Be", "Ce" … */
const LETTERS: Record<string, string> = {
  A: 'A',
  B: 'Be',
  C: 'Ce',
  D: 'De',
  E: 'E',
  F: 'Ef',
  G: 'Ge',
  H: 'Ha',
  I: 'I',
  J: 'Je',
  K: 'Ka',
  L: 'El',
  M: 'Em',
  N: 'En',
  O: 'O',
  P: 'Pe',
  Q: 'Ki',
  R: 'Er',
  S: 'Es',
  T: 'Te',
  U: 'U',
  V: 'Ve',
  W: 'We',
  X: 'Eks',
  Y: 'Ye',
  Z: 'Zet',
};

/**
 * A ticket number as spoken: the prefix letter by letter, then each leading zero as "nol" and the
 * rest as a number: "A-023" → "A nol dua puluh tiga", "B-100" → "Be seratus", "A-001" → "A nol nol satu".
 */
export function spellTicketNumber(number: string): string {
  const m = /^([A-Za-z]*)-?(\d+)$/.exec(number.trim());
  if (!m) return number;
  const letters = [...(m[1] ?? '').toUpperCase()].map((c) => LETTERS[c] ?? c);
  const digits = m[2] ?? '';
  const zeros = /^0*/.exec(digits)?.[0].length ?? 0;
  const rest = digits.slice(zeros);
  const words = [...letters, ...Array<string>(rest ? zeros : zeros - 1).fill('nol'), spellNumber(Number(rest || '0'))];
  return words.join(' ');
}

/** The whole call: "Nomor antrian A nol dua puluh tiga, silakan menuju loket tiga". */
export function callSentence(ticketNumber: string, counterNumber: number): string {
  return `Nomor antrian ${spellTicketNumber(ticketNumber)}, silakan menuju loket ${spellNumber(counterNumber)}`;
}
