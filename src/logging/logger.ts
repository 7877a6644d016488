import { pino, type Logger } from 'pino';

export type { Logger };

/** Field paths that may carry secrets; pino replaces them before anything is written. */
const redactPaths = [
  'password',
  'token',
  'secret',
  'authorization',
  'databaseUrl',
  '*.password',
  '*.token',
  '*.secret',
  '*.authorization',
  '*.databaseUrl',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-slack-signature"]',
  'accessToken',
  'secretKey',
  'clientSecret',
  'webhookSecret',
  '*.accessToken',
  '*.secretKey',
  '*.clientSecret',
  '*.webhookSecret',
  'req.headers["stripe-signature"]',
  'req.headers["x-hubspot-signature-v3"]',
];

/** `destination` lets tests read what would be written. */
export function createLogger(
  options: { level: string; pretty?: boolean; name?: string },
  destination?: pino.DestinationStream,
): Logger {
  const settings = {
    name: options.name ?? 'tend',
    level: options.level,
    redact: { paths: redactPaths, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    ...(options.pretty && !destination ? { transport: { target: 'pino-pretty', options: { colorize: true } } } : {}),
  };
  return destination ? pino(settings, destination) : pino(settings);
}

/** Query parameters that may carry a credential: their values never reach a log. */
export const secretQueryParam = /^(api[_-]?key|key|token|access[_-]?token|secret|password|signature|sig|code)$/i;

/** A request path with the values of credential-like query parameters replaced. */
export function redactQuery(path: string): string {
  const q = path.indexOf('?');
  if (q < 0) return path;
  const params = new URLSearchParams(path.slice(q + 1));
  for (const name of new Set(params.keys())) if (secretQueryParam.test(name)) params.set(name, '[redacted]');
  return `${path.slice(0, q)}?${params.toString()}`;
}

/** Removes the password from a connection string so it can be logged. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '[unparseable url]';
  }
}
