/** The counter this computer serves, remembered per mall: the machine sits at one counter. */
const key = (mall: string) => `loket.counter.${mall}`;

export function loadCounterId(mall: string): string | null {
  try {
    return localStorage.getItem(key(mall));
  } catch {
    return null;
  }
}

export function saveCounterId(mall: string, counterId: string | null): void {
  try {
    if (counterId) localStorage.setItem(key(mall), counterId);
    else localStorage.removeItem(key(mall));
  } catch {
    // private mode: the choice lasts for this page only
  }
}

const SHORTCUTS_KEY = 'loket.counter.shortcuts';

export function loadShortcutsOn(): boolean {
  try {
    return localStorage.getItem(SHORTCUTS_KEY) !== 'off';
  } catch {
    return true;
  }
}

export function saveShortcutsOn(on: boolean): void {
  try {
    localStorage.setItem(SHORTCUTS_KEY, on ? 'on' : 'off');
  } catch {
    // private mode
  }
}
