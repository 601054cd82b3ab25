// Schemas shared by the routes, in TypeBox: each is a JSON Schema (Fastify's Ajv validates requests with
// it, fast-json-stringify serializes replies with it and drops anything not declared, so nothing leaks by
// accident) and, through the TypeBox type provider, the TypeScript type of what it describes.
import Type from 'typebox';

export const ErrorBody = Type.Object({
  statusCode: Type.Integer(),
  error: Type.String(),
  message: Type.String(),
});

export const errorResponses = { '4xx': ErrorBody, '5xx': ErrorBody } as const;

export const BearerHeaders = Type.Object({ authorization: Type.Optional(Type.String()) });
