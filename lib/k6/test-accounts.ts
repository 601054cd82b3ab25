// k6-side glue for the accounts part of the contract: ACCOUNTS_FILE is read once, in init, into a SharedArray
// (one copy for all virtual users, not one each); generated accounts need only USER_PASSWORD, read at run
// time (lib/k6/secrets.ts).
import { SharedArray } from 'k6/data';
import {
  type Account,
  type AccountRow,
  accountFromRow,
  accountIndexFor,
  generatedAccount,
  parseAccountsCsv,
} from '../contract.ts';
import { config } from './run-config.ts';
import { userPassword } from './secrets.ts';

const settings = config.contract.accounts;

/** open() resolves relative paths against the script's folder; users mean their working directory. */
function fromWorkingDirectory(path: string): string {
  return path.startsWith('/') || !__ENV.PWD ? path : `${__ENV.PWD}/${path}`;
}

const rows: AccountRow[] | undefined =
  settings.file === undefined
    ? undefined
    : new SharedArray('accounts', () =>
        parseAccountsCsv(open(fromWorkingDirectory(settings.file as string))),
      );

export class MissingPasswordError extends Error {}

/** The account virtual user `vuId` (1-based) logs in as. */
export async function accountForVu(vuId: number): Promise<Account> {
  if (rows !== undefined) {
    const index = accountIndexFor(vuId, settings.offset, rows.length);
    return accountFromRow(index, rows[index] as AccountRow);
  }
  const password = await userPassword();
  if (password === undefined) {
    throw new MissingPasswordError(
      "USER_PASSWORD is required: the test accounts' password, from --secret-source or the environment " +
        '(or give ACCOUNTS_FILE with a password per account)',
    );
  }
  return generatedAccount(accountIndexFor(vuId, settings.offset, settings.count), settings, password);
}
