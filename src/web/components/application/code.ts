/**
 * An application's code (P and 8 digits, "P27612565") as it is read out and printed: "P2761 2565";
 * and what someone types for it (spaces and dashes dropped, upper case), for the search.
 */
export function groupApplicationCode(code: string): string {
  return /^P\d{8}$/.test(code) ? `${code.slice(0, 5)} ${code.slice(5)}` : code;
}

export function cleanApplicationCode(typed: string): string {
  return typed.replace(/[\s-]/g, '').toUpperCase();
}

/** Read letter by letter and digit by digit, not as "twenty-seven million…". */
export function spokenCode(code: string): string {
  return code.split('').join(' ');
}
