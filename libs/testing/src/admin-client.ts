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
