/** Input a person can fix; the message says how. */
export class InputError extends Error {
  constructor(
    message: string,
    /** Which field, for forms that show the error beside it. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'InputError';
  }
}
