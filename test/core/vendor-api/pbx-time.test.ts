import { describe, expect, it } from 'vitest';
import { parsePbxTime } from '../../../electron/core/vendor-api/pbx-time';
import { decodePushBody, repairVendorSample } from '../../../electron/core/vendor-api/push-body';

describe('PBX local times', () => {
  it('parses the spaced and the stripped form in the PBX zone (default Asia/Shanghai, UTC+8)', () => {
    const expected = Date.UTC(2018, 10, 8, 2, 21, 29);
    expect(parsePbxTime('2018-11-08 10:21:29')).toBe(expected);
    expect(parsePbxTime('2018-11-0810:21:29')).toBe(expected);
    expect(parsePbxTime('2018-11-08T10:21:29')).toBe(expected);
    expect(parsePbxTime('2018-11-08 10:21:29', 'UTC')).toBe(Date.UTC(2018, 10, 8, 10, 21, 29));
  });

  it('follows DST in a zone that has it', () => {
    expect(parsePbxTime('2024-07-01 12:00:00', 'Europe/Berlin')).toBe(Date.UTC(2024, 6, 1, 10));
    expect(parsePbxTime('2024-01-01 12:00:00', 'Europe/Berlin')).toBe(Date.UTC(2024, 0, 1, 11));
  });

  it('takes Unix seconds with a suffix as absolute, and refuses what is not a time', () => {
    expect(parsePbxTime('1534993059.785012')).toBe(1534993059785);
    for (const bad of ['', 'yesterday', '2018-13-01 00:00:00', '2018-02-31 10:00:00', '2018-11-08 24:00:00', '12']) {
      expect(parsePbxTime(bad), bad).toBeUndefined();
    }
  });
});

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
