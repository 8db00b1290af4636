// The one way the app talks to the API: JSON in and out, the CSRF token on every request that changes state,
// errors turned into ApiError, and a 401 sends the user back to the log-in page.

/** An error answer of the API: {"error": {"code", "message" (Vietnamese), "message_en", "details"}}. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly messageEn: string
  readonly details: Record<string, unknown>

  constructor(status: number, code: string, message: string, messageEn: string, details: Record<string, unknown> = {}) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.messageEn = messageEn
    this.details = details
  }

  /** The message in the UI's language. */
  text(locale: string): string {
    return locale === 'en' ? this.messageEn || this.message : this.message
  }
}

/** Any thrown value as a message in the UI's language. */
export function errorText(e: unknown, locale: string): string {
  if (e instanceof ApiError) return e.text(locale)
  if (e instanceof Error) return e.message
  return String(e)
}

type Query = Record<string, string | number | boolean | null | undefined>

export interface RequestOptions {
  query?: Query
  body?: unknown
  /** A body sent as it is (a CSV file, say) with its Content-Type, instead of JSON. */
  raw?: { body: string | Blob; contentType: string }
  /** false for requests whose 401 is an answer, not an expired session (log in, "who am I"). */
  redirectOn401?: boolean
  /** The answer is a file (a PDF preview, say): resolve to a Blob instead of JSON. */
  blob?: boolean
  /** What to accept when it is not JSON (errors still come as JSON). */
  accept?: string
  /** Cancels the request (a preview superseded by a newer one). */
  signal?: AbortSignal
}

let csrfToken: string | null = null
let unauthorizedHandler: (() => void) | null = null

export function setCsrfToken(token: string | null): void {
  csrfToken = token
}

/** Called on a 401 from any request that expects a session (the router sends the user to /login). */
export function onUnauthorized(handler: () => void): void {
  unauthorizedHandler = handler
}

function urlOf(path: string, query?: Query): string {
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v))
  }
  const qs = params.toString()
  return `/api/v1${path}${qs ? `?${qs}` : ''}`
}

async function send(method: string, path: string, opts: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: opts.accept ? `${opts.accept}, application/json` : 'application/json' }
  if (opts.raw) headers['Content-Type'] = opts.raw.contentType
  else if (opts.body !== undefined) headers['Content-Type'] = 'application/json'
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken
  try {
    return await fetch(urlOf(path, opts.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.raw ? opts.raw.body : opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: opts.signal,
    })
  } catch (e) {
    if (opts.signal?.aborted) throw e
    throw new ApiError(0, 'network_error', 'Không kết nối được với máy chủ. Hãy thử lại.',
      'Cannot reach the server. Please try again.')
  }
}

async function errorOf(res: Response): Promise<ApiError> {
  let body: unknown = null
  try {
    body = await res.json()
  } catch {
    // not JSON: a proxy's page, say
  }
  const e = (body as { error?: Record<string, unknown> } | null)?.error
  if (e && typeof e.code === 'string') {
    return new ApiError(res.status, e.code, String(e.message ?? e.code), String(e.message_en ?? e.message ?? e.code),
      (e.details as Record<string, unknown>) ?? {})
  }
  return new ApiError(res.status, `http_${res.status}`, `Máy chủ trả lời lỗi ${res.status}.`,
    `The server answered with error ${res.status}.`)
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  let res = await send(method, path, opts)
  // A stale CSRF token (the session was renewed in another tab): fetch the current one and try once more.
  if (res.status === 403 && method !== 'GET' && csrfToken !== null) {
    const err = await errorOf(res.clone())
    if (err.code === 'csrf_token_invalid') {
      const me = await send('GET', '/me', {})
      if (me.ok) {
        csrfToken = ((await me.json()) as { csrf_token?: string }).csrf_token ?? null
        res = await send(method, path, opts)
      }
    }
  }
  if (!res.ok) {
    const err = await errorOf(res)
    if (res.status === 401 && opts.redirectOn401 !== false) {
      csrfToken = null
      unauthorizedHandler?.()
    }
    throw err
  }
  if (res.status === 204) return undefined as T
  if (opts.blob) return (await res.blob()) as T
  const text = await res.text()
  return (text ? JSON.parse(text) : undefined) as T
}

/** How far a download has come: bytes received, and the whole when the server said it (Content-Length). */
export interface DownloadProgress { received: number; total: number | null }

export interface DownloadedFile { blob: Blob; fileName: string }

/** The ASCII file name of a Content-Disposition header, or `fallback`. */
function fileNameOf(disposition: string | null, fallback: string): string {
  const m = /filename="([^"]+)"/.exec(disposition ?? '')
  return m ? m[1] : fallback
}

/**
 * A GET whose answer is a file, read as a stream so that `onProgress` follows it chunk by chunk; `signal` cancels it
 * (the promise then rejects with the AbortError). Errors come as ApiError, as for `request`.
 */
export async function download(path: string, query: Query, opts: {
  onProgress?: (p: DownloadProgress) => void; signal?: AbortSignal; accept?: string; fallbackName?: string
} = {}): Promise<DownloadedFile> {
  const res = await send('GET', path, { query, signal: opts.signal, accept: opts.accept })
  if (!res.ok) {
    const err = await errorOf(res)
    if (res.status === 401) {
      csrfToken = null
      unauthorizedHandler?.()
    }
    throw err
  }
  const length = Number(res.headers.get('Content-Length'))
  const total = Number.isFinite(length) && length > 0 ? length : null
  const type = res.headers.get('Content-Type') ?? 'application/octet-stream'
  const fileName = fileNameOf(res.headers.get('Content-Disposition'), opts.fallbackName ?? 'download')
  const chunks: BlobPart[] = []
  let received = 0
  opts.onProgress?.({ received, total })
  if (res.body) {
    const reader = res.body.getReader()
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      chunks.push(value as Uint8Array<ArrayBuffer>)
      received += value.byteLength
      opts.onProgress?.({ received, total })
    }
  } else {
    const whole = new Uint8Array(await res.arrayBuffer())
    chunks.push(whole)
    received = whole.byteLength
    opts.onProgress?.({ received, total })
  }
  return { blob: new Blob(chunks as BlobPart[], { type }), fileName }
}

export const api = {
  get: <T>(path: string, query?: Query, opts: RequestOptions = {}) => request<T>('GET', path, { ...opts, query }),
  post: <T>(path: string, body?: unknown, opts: RequestOptions = {}) => request<T>('POST', path, { ...opts, body }),
  put: <T>(path: string, body?: unknown, opts: RequestOptions = {}) => request<T>('PUT', path, { ...opts, body }),
  patch: <T>(path: string, body?: unknown, opts: RequestOptions = {}) => request<T>('PATCH', path, { ...opts, body }),
  del: <T = void>(path: string, opts: RequestOptions = {}) => request<T>('DELETE', path, opts),
}
