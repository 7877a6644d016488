// Email addresses and phone numbers are replaced before text leaves the process. Patterns are
// deliberately broad: a redacted number in a comment costs little, a leaked one does not.
const email = /[A-Z0-9._%+-]+@[A-Z0-9.-]+\.[A-Z]{2,}/gi;
const phone = /(?<![\w.])(?:\+|00|\()?\d[\d\s().-]{7,}\d(?![\w.])/g;

export function redactPii(text: string): string {
  return text
    .replace(email, '[email]')
    .replace(phone, (match) => (match.replace(/\D/g, '').length >= 9 ? '[phone]' : match));
}
