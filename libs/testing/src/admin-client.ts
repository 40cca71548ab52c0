export interface AdminResponse {
  readonly status: number;
  /** The parsed JSON body; null for an empty one (204). */
  readonly body: Record<string, unknown> | null;
}

/** Calls the admin API as an operator would: bearer token, JSON in and out. */
export function adminClient(baseUrl: () => string, token: string) {
  return async (method: string, path: string, body?: unknown): Promise<AdminResponse> => {
    const response = await fetch(`${baseUrl()}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: text ? (JSON.parse(text) as Record<string, unknown>) : null,
    };
  };
}

/** Calls the public API as a subscriber would: JSON in and out, a bearer token when given. */
export function apiClient(baseUrl: () => string) {
  return async (
    method: string,
    path: string,
    options: { readonly body?: unknown; readonly token?: string } = {},
  ): Promise<{ status: number; body: Record<string, unknown> }> => {
    const response = await fetch(`${baseUrl()}${path}`, {
      method,
      headers: {
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }),
      },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    };
  };
}
