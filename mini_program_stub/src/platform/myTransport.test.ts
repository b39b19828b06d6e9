import { describe, expect, it } from 'vitest';
import { myTransport, myUploader, type MyRequestOptions, type MyUploadOptions } from './myTransport';

const REQUEST = { url: 'https://zerorun.example/graphql', headers: { 'Content-Type': 'application/json' }, body: '{}' };

describe('my.request adapter', () => {
  it('posts with `headers` and reads status and data', async () => {
    let sent: MyRequestOptions | undefined;
    const transport = myTransport((options) => {
      sent = options;
      options.success({ status: 200, data: { data: { me: { name: '王建国' } } }, headers: {} });
    });

    const response = await transport(REQUEST);

    expect(sent).toMatchObject({ url: REQUEST.url, method: 'POST', data: '{}', headers: REQUEST.headers, dataType: 'json' });
    expect(response).toEqual({ status: 200, body: { data: { me: { name: '王建国' } } } });
  });

  it('rejects with the error code and message when the request fails', async () => {
    const transport = myTransport((options) => options.fail({ error: 19, errorMessage: 'http status error' }));
    await expect(transport(REQUEST)).rejects.toThrow('19: http status error');
  });
});

describe('my.uploadFile adapter', () => {
  it('sends the file as fileName with an image fileType and the text parts as formData', async () => {
    let sent: MyUploadOptions | undefined;
    const upload = myUploader((options) => {
      sent = options;
      options.success({ statusCode: 200, data: '{"data":{}}' });
    });

    await upload({
      url: REQUEST.url,
      headers: {},
      fields: { operations: '{}', map: '{}' },
      fileField: '0',
      file: { name: 'photo.jpg', path: 'https://resource/apml1.jpg' },
    });

    expect(sent).toMatchObject({ filePath: 'https://resource/apml1.jpg', fileName: '0', fileType: 'image', formData: { operations: '{}', map: '{}' } });
  });
});
