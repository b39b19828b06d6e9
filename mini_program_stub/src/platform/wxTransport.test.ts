import { describe, expect, it } from 'vitest';
import { wxTransport, wxUploader, type WxRequestOptions, type WxUploadOptions } from './wxTransport';

const REQUEST = { url: 'https://zerorun.example/graphql', headers: { 'Content-Type': 'application/json' }, body: '{"query":"{ me { name } }"}' };

describe('wx.request adapter', () => {
  it('posts the body with `header` and reads statusCode and data', async () => {
    let sent: WxRequestOptions | undefined;
    const transport = wxTransport((options) => {
      sent = options;
      options.success({ statusCode: 200, data: { data: { me: null } }, header: {} });
    });

    const response = await transport(REQUEST);

    expect(sent).toMatchObject({ url: REQUEST.url, method: 'POST', data: REQUEST.body, header: REQUEST.headers, dataType: 'json' });
    expect(response).toEqual({ status: 200, body: { data: { me: null } } });
  });

  it('parses a body the platform left as text', async () => {
    const transport = wxTransport((options) => options.success({ statusCode: 400, data: '{"errors":[]}', header: {} }));
    expect(await transport(REQUEST)).toEqual({ status: 400, body: { errors: [] } });
  });

  it('rejects with the platform message when the request fails', async () => {
    const transport = wxTransport((options) => options.fail({ errMsg: 'request:fail timeout' }));
    await expect(transport(REQUEST)).rejects.toThrow('request:fail timeout');
  });
});

describe('wx.uploadFile adapter', () => {
  it('sends the temporary file under the mapped name with the text parts as formData', async () => {
    let sent: WxUploadOptions | undefined;
    const upload = wxUploader((options) => {
      sent = options;
      options.success({ statusCode: 200, data: '{"data":{"uploadMaterial":{"__typename":"Application"}}}' });
    });

    const response = await upload({
      url: REQUEST.url,
      headers: { Authorization: 'Bearer t' },
      fields: { operations: '{}', map: '{"0":["variables.file"]}' },
      fileField: '0',
      file: { name: 'photo.jpg', path: 'wxfile://tmp/photo.jpg' },
    });

    expect(sent).toMatchObject({
      url: REQUEST.url,
      filePath: 'wxfile://tmp/photo.jpg',
      name: '0',
      header: { Authorization: 'Bearer t' },
      formData: { operations: '{}', map: '{"0":["variables.file"]}' },
    });
    expect(response.body).toEqual({ data: { uploadMaterial: { __typename: 'Application' } } });
  });
});
