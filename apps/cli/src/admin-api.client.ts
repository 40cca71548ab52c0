import { loadConfig } from '@app/platform';

/** An answer of the admin API: its status and its JSON body (null when it had none). */
export interface AdminApiAnswer {
  readonly status: number;
  readonly body: Record<string, unknown> | null;
}

/**
 * The admin API as the CLI calls it: bearer token, JSON in and out, and failures that say in
 * one line what the operator can do about them (no token, api down, token refused).
 */
export class AdminApiClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string | undefined,
  ) {}

  /** At `url` when given (a command's `--url`), else VIGIL_URL; ADMIN_TOKEN from the environment. */
  static fromConfig(url?: string): AdminApiClient {
    const config = loadConfig();
    return new AdminApiClient((url ?? config.apiUrl).replace(/\/+$/, ''), config.adminToken);
  }

  /** The body of a 2xx answer; any other answer throws its error message, in one line. */
  async request<TBody>(method: 'GET' | 'POST', path: string, body?: object): Promise<TBody> {
    const answer = await this.call(method, path, body);
    if (answer.status < 200 || answer.status >= 300) throw new Error(errorMessageOf(answer));
    return answer.body as TBody;
  }

  async call(method: 'GET' | 'POST', path: string, body?: object): Promise<AdminApiAnswer> {
    if (!this.token) throw new Error('ADMIN_TOKEN is not set: the admin API needs it');
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      throw new Error(
        `cannot reach the api at ${this.baseUrl} (set VIGIL_URL): ${causeOf(error)}`,
        {
          cause: error,
        },
      );
    }
    if (response.status === 401) throw new Error('the admin API refused ADMIN_TOKEN (401)');
    if (response.status === 503)
      throw new Error('the admin API is closed: the api has no ADMIN_TOKEN');
    const text = await response.text();
    return {
      status: response.status,
      body: text ? (JSON.parse(text) as Record<string, unknown>) : null,
    };
  }
}

/** fetch says "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND) is in its cause. */
function causeOf(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  const found = cause as
    { code?: string; message?: string; errors?: { code?: string }[] } | undefined;
  return (
    found?.code ??
    found?.errors?.[0]?.code ??
    found?.message ??
    (error instanceof Error ? error.message : String(error))
  );
}

/** The error message of an answer in the shape of SPEC §6: `{ error: { message, details } }`. */
export function errorMessageOf(answer: AdminApiAnswer): string {
  const error = answer.body?.['error'] as
    { message?: string; details?: { field: string; message: string }[] } | undefined;
  const details = error?.details?.map((detail) => `${detail.field} ${detail.message}`).join(', ');
  return details || error?.message || `HTTP ${answer.status}`;
}
