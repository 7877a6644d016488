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

export function createLogger(options: { level: string; pretty?: boolean; name?: string }): Logger {
  return pino({
    name: options.name ?? 'tend',
    level: options.level,
    redact: { paths: redactPaths, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    ...(options.pretty ? { transport: { target: 'pino-pretty', options: { colorize: true } } } : {}),
  });
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
