/** An error with an HTTP status and a message key of the catalogs; rendered by web/errors.ts. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly messageKey: string,
    readonly params: Record<string, unknown> = {},
  ) {
    super(messageKey);
  }
}

export const notFound = () => new HttpError(404, 'errors.notFound');
