// JSON Schemas shared by the routes. Response schemas let fast-json-stringify serialize replies
// (and drop anything not declared, so nothing leaks by accident).

export const errorBody = {
  type: 'object',
  properties: {
    statusCode: { type: 'integer' },
    error: { type: 'string' },
    message: { type: 'string' },
  },
  required: ['statusCode', 'error', 'message'],
} as const;

export const errorResponses = { '4xx': errorBody, '5xx': errorBody } as const;

export const bearerHeaders = {
  type: 'object',
  properties: { authorization: { type: 'string' } },
} as const;
