/**
 * Personal data (UU 27/2022): Loket collects no citizen's NIK or phone number, but people write
 * them into free text (a suggestion, a note). What looks like one is masked wherever such text is
 * kept or shown.
 */

const NIK = /(?<![\p{L}\p{N}])(\d{4})(\d{8})(\d{4})(?![\p{L}\p{N}])/gu;
const PHONE = /(?<![\p{L}\p{N}+])(\+62|62|0)(8\d{2})((?:[ .-]?\d){7,10})(?![\p{L}\p{N}])/gu;

const stars = (s: string) => s.replace(/\d/g, '*');

/**
 * Masks what looks like a 16-digit NIK (3316********0001) or an Indonesian mobile number
 * (0812****5678, +62812****5678): the first and last four digits stay, enough to tell records
 * apart, too few to use.
 */
export function maskPersonalData(text: string): string {
  return text
    .replace(NIK, (_m, head: string, middle: string, tail: string) => `${head}${stars(middle)}${tail}`)
    .replace(PHONE, (_m, prefix: string, head: string, rest: string) => {
      let toMask = rest.replace(/\D/g, '').length - 4;
      return `${prefix}${head}${rest.replace(/\d/g, (d) => (toMask-- > 0 ? '*' : d))}`;
    });
}
