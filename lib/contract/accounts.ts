// Which test account a virtual user logs in as. Pure TypeScript.
// Every virtual user gets its own account, so 10,000 users use 10,000 accounts and the service's
// per-account login limiter never mistakes load-test traffic for a brute-force attack. Accounts are either
// generated (<prefix><i>@<domain>, one shared password) or read from ACCOUNTS_FILE (distinct passwords).
import { splitCsvLine } from '../csv.ts';

export interface AccountSettings {
  prefix: string;
  domain: string;
  /** Generated accounts the service has: <prefix>0 … <prefix><count-1>. */
  count: number;
  /** Where virtual user 1 starts in that range, so two runs can use different accounts. */
  offset: number;
  /** CSV of `email,password` or `username,password`; when set it replaces the generated accounts. */
  file: string | undefined;
}

export interface Account {
  index: number;
  email: string;
  username: string;
  password: string;
}

/** One row of ACCOUNTS_FILE: the identifier as written (an email or a user name) and its password. */
export interface AccountRow {
  id: string;
  password: string;
}

/** Virtual user n (1-based, k6's exec.vu.idInTest) uses account (offset + n - 1) mod count. */
export function accountIndexFor(vuId: number, offset: number, count: number): number {
  return (offset + vuId - 1) % count;
}

export function generatedAccount(index: number, settings: AccountSettings, password: string): Account {
  const username = `${settings.prefix}${index}`;
  return { index, email: `${username}@${settings.domain}`, username, password };
}

/** An email's local part doubles as the user name; a user name doubles as the email ({email} in a template). */
export function accountFromRow(index: number, row: AccountRow): Account {
  const at = row.id.indexOf('@');
  return { index, email: row.id, username: at > 0 ? row.id.slice(0, at) : row.id, password: row.password };
}

/**
 * Parses ACCOUNTS_FILE text. A header row naming `email` or `username` and `password` is skipped; fields are
 * comma-separated, a field may be double-quoted (with "" for a quote) so passwords may hold commas.
 */
export function parseAccountsCsv(text: string): AccountRow[] {
  const rows: AccountRow[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, number) => {
    if (line.trim() === '') return;
    const fields = splitCsvLine(line);
    if (number === 0 && /^(email|username|user|login)$/i.test(fields[0]?.trim() ?? '')) return;
    if (fields.length < 2 || (fields[0] ?? '').trim() === '' || (fields[1] ?? '') === '') {
      throw new Error(
        `ACCOUNTS_FILE line ${number + 1} needs two fields, an email or user name and a password`,
      );
    }
    rows.push({ id: (fields[0] as string).trim(), password: fields[1] as string });
  });
  if (rows.length === 0) throw new Error('ACCOUNTS_FILE holds no accounts');
  return rows;
}
