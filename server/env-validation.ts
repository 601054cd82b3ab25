// Checks environment variables against a TypeBox object schema, one variable at a time, so that one start
// reports every bad variable instead of the first. Environment values are text: integers and booleans are
// read strictly here ("1.5", "0x10" or "12abc" are not integers, unlike TypeBox's lenient Value.Convert),
// then the typed value is checked against the variable's schema, and a failure becomes one line naming
// the variable and the rule, said from the schema itself (range, allowed values, or its description).
import Type, { type TObject, type TSchema } from 'typebox';
import Value from 'typebox/value';

export interface EnvCheck {
  values: Record<string, unknown>;
  problems: string[];
}

/** JSON Schema keywords TypeBox keeps on the schema object but does not type on every kind. */
function keyword(schema: TSchema, name: 'minimum' | 'maximum' | 'default' | 'description'): unknown {
  return (schema as Record<string, unknown>)[name];
}

function fromText(schema: TSchema, text: string): unknown {
  if (Type.IsInteger(schema)) return /^-?\d+$/.test(text) ? Number(text) : text;
  if (Type.IsBoolean(schema)) {
    if (/^(1|true|yes|on)$/i.test(text)) return true;
    if (/^(0|false|no|off)$/i.test(text)) return false;
  }
  return text;
}

function rule(schema: TSchema): string {
  if (Type.IsInteger(schema))
    return `must be an integer from ${keyword(schema, 'minimum')} to ${keyword(schema, 'maximum')}`;
  if (Type.IsBoolean(schema)) return 'must be true or false';
  if (Type.IsUnion(schema)) {
    const allowed = schema.anyOf.filter(Type.IsLiteral).map((literal) => literal.const);
    return `must be one of ${allowed.join(', ')}`;
  }
  return String(keyword(schema, 'description') ?? 'is not valid');
}

/**
 * `secrets` name variables whose value is never echoed (nor trimmed: a secret is taken byte for byte).
 * An unset or empty variable takes the schema's default; without one it must be optional.
 */
export function checkEnv(
  schema: TObject,
  env: Record<string, string | undefined>,
  secrets: ReadonlySet<string>,
): EnvCheck {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, variable] of Object.entries(schema.properties)) {
    const secret = secrets.has(name);
    const text = secret ? env[name] : env[name]?.trim();
    if (text === undefined || text === '') {
      const fallback = keyword(variable, 'default');
      if (fallback !== undefined) values[name] = fallback;
      else if (!Type.IsOptional(variable)) problems.push(`${name} is required (no default on purpose)`);
      continue;
    }
    const value = fromText(variable, text);
    if (Value.Check(variable, value)) values[name] = value;
    else problems.push(secret ? `${name} ${rule(variable)}` : `${name} ${rule(variable)}, got "${text}"`);
  }
  return { values, problems };
}
