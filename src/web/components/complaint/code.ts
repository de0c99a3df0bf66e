/**
 * A complaint's code (K and 8 digits, "K27612565") as it is read out and written down: "K2761 2565";
 * what someone types for it (spaces and dashes dropped, upper case), for the staff search; and how
 * a screen reader says it (character by character).
 */
export function groupComplaintCode(code: string): string {
  return /^K\d{8}$/.test(code) ? `${code.slice(0, 5)} ${code.slice(5)}` : code;
}

export function cleanComplaintCode(typed: string): string {
  return typed.replace(/[\s-]/g, '').toUpperCase();
}

export function spokenComplaintCode(code: string): string {
  return code.split('').join(' ');
}
