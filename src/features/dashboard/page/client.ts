import type { ApiError, ApiErrorCode, ApiLocale } from '../api';

/** Why a request to the tab's API failed: its HTTP status and error code, or the network (status 0). */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode | 'network' | 'sign-in' | 'unexpected',
  ) {
    super(`${status} ${code}`);
  }
}

/** The text key that explains a failure to the user. */
export function failureText(error: unknown): string {
  if (!(error instanceof ApiFailure)) return 'errorOther';
  if (error.code === 'network') return 'errorNetwork';
  if (error.code === 'sign-in') return 'errorSignIn';
  if (error.status === 401) return 'errorUnauthenticated';
  if (error.code === 'unknown-person') return 'errorUnknownPerson';
  if (error.status === 403) return 'errorForbidden';
  return 'errorOther';
}

/** Reads the tab's JSON API with the user's language and, inside Teams, the SSO token. */
export class ApiClient {
  constructor(
    private readonly locale: ApiLocale,
    private readonly token: () => Promise<string | undefined>,
  ) {}

  async get<T>(path: string): Promise<T> {
    let token: string | undefined;
    try {
      token = await this.token();
    } catch {
      throw new ApiFailure(0, 'sign-in');
    }
    const url = `${path}${path.includes('?') ? '&' : '?'}locale=${this.locale}`;
    let response: Response;
    try {
      response = await fetch(url, { headers: { accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, credentials: 'omit' });
    } catch {
      throw new ApiFailure(0, 'network');
    }
    if (response.ok) return (await response.json()) as T;
    const body = (await response.json().catch(() => undefined)) as Partial<ApiError> | undefined;
    throw new ApiFailure(response.status, body?.error ?? 'unexpected');
  }
}
