// The virtual user directory: `user<i>@example.com` exists for every 0 <= i < USER_COUNT.
// Nothing is stored per user; an address is checked by its shape and index.

const USER_EMAIL = /^user(0|[1-9]\d{0,8})@example\.com$/;

/** The canonical account name (used as token subject and rate-limit key). */
export function accountName(email: string): string {
  return email.toLowerCase();
}

export function userExists(account: string, userCount: number): boolean {
  const match = USER_EMAIL.exec(account);
  return match !== null && Number(match[1]) < userCount;
}
