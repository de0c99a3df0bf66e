/**
 * A citizen's contact as a booking or a ticket keeps it: an Indonesian mobile number in one form
 * (62…), an e-mail address, a NIK that is only ever kept masked and hashed. Pure.
 */

/** "0812-3456-7890", "+62 812 3456 7890", "6281234567890" → "6281234567890"; null when it is no mobile number. */
export function normalizePhone(input: string): string | null {
  const compact = input.replace(/[\s().-]/g, '');
  const digits = compact.startsWith('+') ? compact.slice(1) : compact;
  if (!/^\d+$/.test(digits)) return null;
  const national = digits.startsWith('62') ? digits.slice(2) : digits.startsWith('0') ? digits.slice(1) : digits;
  // Indonesian mobile numbers: 8xx, 9 to 12 digits after the country code
  return /^8\d{8,11}$/.test(national) ? `62${national}` : null;
}

/** "6281234567890" → "0812-****-7890": enough to recognise one's own number, too little to use. */
export function maskPhone(phone: string): string {
  const national = `0${phone.startsWith('62') ? phone.slice(2) : phone}`;
  return `${national.slice(0, 4)}-****-${national.slice(-4)}`;
}

/** A NIK is 16 digits (Dukcapil's single identity number). */
export function isNik(value: string): boolean {
  return /^\d{16}$/.test(value);
}

/** "3316012345670001" → "3316********0001" */
export function maskNik(nik: string): string {
  return `${nik.slice(0, 4)}********${nik.slice(-4)}`;
}

/** A plain check: something@domain.tld without spaces; the mail server has the last word. */
export function isEmail(value: string): boolean {
  return value.length <= 254 && /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(value);
}

/** "siti.aminah@gmail.com" → "si***@gmail.com" */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  return `${email.slice(0, Math.min(2, at))}***${email.slice(at)}`;
}
