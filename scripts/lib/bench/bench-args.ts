// The bench's command-line knobs, validated. Pure.

export interface BenchArgs {
  vus: number;
  durationS: number;
  variants: boolean;
  /** Also measure each part of a load VU's init (init-probes.ts). */
  parts: boolean;
  service: boolean;
  serviceVus: number;
}

export const DEFAULT_VUS = 2000;
/** Two k6 runs of this length plus start-up, VU init and graceful stop: about 2 minutes in all. */
export const DEFAULT_DURATION_S = 40;
/** The service logs every user in with scrypt: a load the embedded service on a small machine can carry. */
export const DEFAULT_SERVICE_VUS = 500;
const MAX_VUS = 20_000;
const MAX_DURATION_S = 600;

function integerIn(
  name: string,
  text: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (text === undefined) return fallback;
  const value = Number(text.trim().replace(/s$/, ''));
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`--${name} must be a whole number from ${min} to ${max}, got "${text}"`);
  }
  return value;
}

export function parseBenchArgs(values: {
  vus?: string;
  duration?: string;
  variants?: boolean;
  parts?: boolean;
  service?: boolean;
  'service-vus'?: string;
}): BenchArgs {
  return {
    vus: integerIn('vus', values.vus, DEFAULT_VUS, 1, MAX_VUS),
    durationS: integerIn('duration', values.duration, DEFAULT_DURATION_S, 8, MAX_DURATION_S),
    variants: values.variants ?? false,
    parts: values.parts ?? false,
    service: values.service ?? false,
    serviceVus: integerIn('service-vus', values['service-vus'], DEFAULT_SERVICE_VUS, 1, MAX_VUS),
  };
}
