// The login call for one account, built from LOGIN_METHOD, LOGIN_PATH, LOGIN_BODY and LOGIN_CONTENT_TYPE.
// Pure TypeScript: k6's http and Node's fetch both send what this returns.
import type { Account } from './accounts.ts';
import type { ServiceContract } from './knobs.ts';
import { fillTemplate, formValue, jsonStringContent } from './template.ts';

export interface LoginRequest {
  method: string;
  path: string;
  /** null: the service takes no body (LOGIN_BODY=). */
  body: string | null;
  headers: Record<string, string>;
}

const CONTENT_TYPES = { json: 'application/json', form: 'application/x-www-form-urlencoded' };

export function loginRequest(contract: ServiceContract, account: Account): LoginRequest {
  const { login } = contract;
  if (login.bodyTemplate === undefined)
    return { method: login.method, path: login.path, body: null, headers: {} };
  const values = {
    email: account.email,
    username: account.username,
    password: account.password,
    i: String(account.index),
  };
  // Every placeholder is known (checked when the knob was read) and every value is present.
  const filled = fillTemplate(
    login.bodyTemplate,
    values,
    login.contentType === 'json' ? jsonStringContent : formValue,
  );
  return {
    method: login.method,
    path: login.path,
    body: filled.text ?? '',
    headers: { 'Content-Type': CONTENT_TYPES[login.contentType] },
  };
}
