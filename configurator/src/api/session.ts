const KEY = 'zerorun.staff.token';

/** The staff token lives for the browser tab only (sessionStorage). */
export const session = {
  token: (): string | null => sessionStorage.getItem(KEY),
  save: (token: string): void => sessionStorage.setItem(KEY, token),
  clear: (): void => sessionStorage.removeItem(KEY),
};
