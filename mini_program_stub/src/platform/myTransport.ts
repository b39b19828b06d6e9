import { parseBody, type Transport, type Uploader } from './transport';

/** Alipay's my.request, as documented: headers (plural), res.status, res.headers. */
export interface MyRequestOptions {
  url: string;
  method: 'POST';
  data: string;
  headers: Record<string, string>;
  dataType: 'json';
  success(res: { status: number; data: unknown; headers: Record<string, string> }): void;
  fail(err: { error: number; errorMessage: string }): void;
}

/** Alipay's my.uploadFile: the file part is `fileName`, and a fileType is required. */
export interface MyUploadOptions {
  url: string;
  filePath: string;
  fileName: string;
  fileType: 'image' | 'video' | 'audio';
  header: Record<string, string>;
  formData: Record<string, string>;
  success(res: { statusCode: number; data: string }): void;
  fail(err: { error: number; errorMessage: string }): void;
}

export function myTransport(request: (options: MyRequestOptions) => unknown): Transport {
  return ({ url, headers, body }) =>
    new Promise((resolve, reject) => {
      request({
        url,
        method: 'POST',
        data: body,
        headers,
        dataType: 'json',
        success: (res) => resolve({ status: res.status, body: parseBody(res.data) }),
        fail: (err) => reject(new Error(`${err.error}: ${err.errorMessage}`)),
      });
    });
}

export function myUploader(uploadFile: (options: MyUploadOptions) => unknown): Uploader {
  return ({ url, headers, fields, fileField, file }) =>
    new Promise((resolve, reject) => {
      if (!file.path) throw new Error('my.uploadFile needs the temporary file path');
      uploadFile({
        url,
        filePath: file.path,
        fileName: fileField,
        fileType: 'image',
        header: headers,
        formData: fields,
        success: (res) => resolve({ status: res.statusCode, body: parseBody(res.data) }),
        fail: (err) => reject(new Error(`${err.error}: ${err.errorMessage}`)),
      });
    });
}
