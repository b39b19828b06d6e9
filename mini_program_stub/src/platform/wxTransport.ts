import { parseBody, type Transport, type Uploader } from './transport';

/** WeChat's wx.request, as documented: header (singular), res.statusCode, res.header. */
export interface WxRequestOptions {
  url: string;
  method: 'POST';
  data: string;
  header: Record<string, string>;
  dataType: 'json';
  success(res: { statusCode: number; data: unknown; header: Record<string, string> }): void;
  fail(err: { errMsg: string }): void;
}

/** WeChat's wx.uploadFile: one file part named `name`, text parts in formData; res.data is text. */
export interface WxUploadOptions {
  url: string;
  filePath: string;
  name: string;
  header: Record<string, string>;
  formData: Record<string, string>;
  success(res: { statusCode: number; data: string }): void;
  fail(err: { errMsg: string }): void;
}

export function wxTransport(request: (options: WxRequestOptions) => unknown): Transport {
  return ({ url, headers, body }) =>
    new Promise((resolve, reject) => {
      request({
        url,
        method: 'POST',
        data: body,
        header: headers,
        dataType: 'json',
        success: (res) => resolve({ status: res.statusCode, body: parseBody(res.data) }),
        fail: (err) => reject(new Error(err.errMsg)),
      });
    });
}

export function wxUploader(uploadFile: (options: WxUploadOptions) => unknown): Uploader {
  return ({ url, headers, fields, fileField, file }) =>
    new Promise((resolve, reject) => {
      if (!file.path) throw new Error('wx.uploadFile needs the temporary file path');
      uploadFile({
        url,
        filePath: file.path,
        name: fileField,
        header: headers,
        formData: fields,
        success: (res) => resolve({ status: res.statusCode, body: parseBody(res.data) }),
        fail: (err) => reject(new Error(err.errMsg)),
      });
    });
}
