/** What the GraphQL client needs from a platform: one POST, and one multipart file upload. */

export interface HttpRequest {
  url: string;
  headers: Record<string, string>;
  /** The JSON text of the GraphQL request. */
  body: string;
}

export interface HttpResponse {
  status: number;
  /** The parsed JSON body, or the text when it is not JSON. */
  body: unknown;
}

export type Transport = (request: HttpRequest) => Promise<HttpResponse>;

/** A file the citizen picked: a Blob in the browser, a temporary path in a mini-program. */
export interface PickedFile {
  name: string;
  blob?: Blob;
  path?: string;
}

export interface UploadRequest {
  url: string;
  headers: Record<string, string>;
  /** The multipart text fields (`operations`, `map`). */
  fields: Record<string, string>;
  /** The name of the file part the `map` points at. */
  fileField: string;
  file: PickedFile;
}

export type Uploader = (request: UploadRequest) => Promise<HttpResponse>;

/** Parse a body that a platform handed over as text. */
export function parseBody(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  try {
    return JSON.parse(data) as unknown;
  } catch {
    return data;
  }
}
