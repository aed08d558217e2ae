import { describe, expect, it } from 'vitest';
import { decodePushBody, repairVendorSample } from '../../../electron/core/vendor-api/push-body';

describe('push body decoding', () => {
  it('repairs the two defects of the vendor samples, and only those', () => {
    expect(repairVendorSample('{\nevent:"hangup"\nuniqueid:"1",//id\n}')).toBe('{\nevent:"hangup",\nuniqueid:"1",//id\n}');
    expect(repairVendorSample('{\ncallerid:""808"<808>",//名称<号码>\n}')).toBe('{\ncallerid:"\\"808\\"<808>",//名称<号码>\n}');
  });

  it('decodes JSON, JSON5 with a leading comment, and forms; refuses non-objects', () => {
    expect(decodePushBody('{"a":1}', 'application/json')).toEqual({ ok: true, encoding: 'json', fields: { a: 1 } });
    expect(decodePushBody("// hi\n{a:'x',}", undefined)).toEqual({ ok: true, encoding: 'json5', fields: { a: 'x' } });
    expect(decodePushBody('event=hangup&uniqueid=1.2', undefined)).toEqual({ ok: true, encoding: 'form', fields: { event: 'hangup', uniqueid: '1.2' } });
    expect(decodePushBody('"text"', 'application/json')).toMatchObject({ ok: false });
    expect(decodePushBody('{', 'application/json')).toMatchObject({ ok: false, reason: expect.stringMatching(/JSON5/) });
  });
});
