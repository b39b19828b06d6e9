import { parseBody, type HttpResponse, type Transport, type Uploader } from './transport';

async function read(response: Response): Promise<HttpResponse> {
  return { status: response.status, body: parseBody(await response.text()) };
}

/** The browser's fetch. */
export const fetchTransport: Transport = async ({ url, headers, body }) =>
  read(await fetch(url, { method: 'POST', headers, body }));

/** A GraphQL multipart request from the browser (FormData sets the boundary itself). */
export const fetchUploader: Uploader = async ({ url, headers, fields, fileField, file }) => {
  if (!file.blob) throw new Error('fetchUploader needs the picked file as a Blob');
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append(fileField, file.blob, file.name);
  return read(await fetch(url, { method: 'POST', headers, body: form }));
};
