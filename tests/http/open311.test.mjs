// Open311 GeoReport v2 over HTTP against the real server, in both formats: discovery, services, a service's
// attributes, POST requests as clients send them (brackets plain and percent-encoded, a byte-order mark, multipart,
// lat/long or address_string), the api_key, unknown codes, GET requests with its filters, errors in the
// specification's shape, and no contact details anywhere. XML is parsed by Python's xml.etree: it must be
// well-formed. Staff steps (open → closed, refused) are in tests/integration/open311_test.cpp.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { createAdminWithToken, fetchText, makeTempDir, removeDir, sendJson, startServer, tinyJpeg } from './support.mjs';

// XML → {tag, text, children}, by Python's parser (Node has none built in); throws when it is not well-formed.
function parseXml(text) {
  const script = `
import sys, json, xml.etree.ElementTree as ET
def walk(e): return {"tag": e.tag, "text": e.text or "", "children": [walk(c) for c in e]}
print(json.dumps(walk(ET.fromstring(sys.stdin.buffer.read()))))`;
  const r = spawnSync('python3', ['-c', script], { input: Buffer.from(text, 'utf8'), encoding: 'utf8' });
  assert.equal(r.status, 0, `not well-formed XML: ${r.stderr}\n${text}`);
  return JSON.parse(r.stdout);
}
const child = (node, tag) => node.children.find((c) => c.tag === tag);
const textOf = (node, tag) => child(node, tag)?.text;

const CATEGORY_ATTRIBUTES = JSON.stringify([
  { code: 'kind', datatype: 'singlevaluelist', required: true, variable: true, description: 'Loại rác?',
    datatype_description: '', order: 1, values: [['household', 'Rác sinh hoạt'], ['building', 'Phế thải xây dựng']] },
  { code: 'when', datatype: 'multivaluelist', required: false, variable: true, description: 'Thấy lúc nào?',
    datatype_description: '', order: 2, values: [['morning', 'Sáng'], ['evening', 'Tối']] },
]);

describe('Open311 GeoReport v2', () => {
  let dir;
  let server;
  let token;
  let base;
  const sent = []; // service_request_ids

  const get = (p) => fetchText(`${base}/${p}`, { signal: AbortSignal.timeout(10_000) });
  const post = (p, body, headers = {}) =>
    fetchText(`${base}/${p}`, { method: 'POST', body, headers, signal: AbortSignal.timeout(10_000) });
  const form = (fields) => new URLSearchParams(fields).toString();

  before(async () => {
    dir = makeTempDir('danvan-open311-');
    const dbPath = path.join(dir, 'danvan.db');
    ({ token } = createAdminWithToken(dbPath));
    server = await startServer({ dbPath });
    base = `${server.url}/open311/v2`;
    const city = await sendJson(`${server.url}/api/v1/units`, 'POST',
      { code: '01', name: 'Thành phố Thử', level: 'province', kind: 'thanh_pho', valid_from: '01/01/2020' }, { token });
    assert.equal(city.status, 201, city.body);
    const ward = await sendJson(`${server.url}/api/v1/units`, 'POST',
      { code: '00070', name: 'Phường Thử', level: 'commune', kind: 'phuong', parent_id: city.json.id, valid_from: '01/01/2020' },
      { token });
    assert.equal(ward.status, 201, ward.body);
    // Categories are set up by the staff API (another part of issue 12); here straight into the file.
    const sql = `INSERT INTO concern_categories (unit_id, code, name, description, group_name, keywords, urgency,
        attributes, created_at, updated_at) VALUES
      (${ward.json.id}, 'rac-thai', 'Rác thải & "vệ sinh" <môi trường>', 'Rác để sai nơi quy định', 'Môi trường',
       '["rác","vệ sinh"]', 'normal', '${CATEGORY_ATTRIBUTES}', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z'),
      (${ward.json.id}, 'chieu-sang', 'Chiếu sáng', '', 'Hạ tầng', '[]', 'normal', '[]',
       '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z');`;
    const r = spawnSync('sqlite3', [dbPath, sql], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  });

  after(async () => {
    await server?.stop();
    if (dir) removeDir(dir);
  });

  test('discovery names the endpoint and its two formats', async () => {
    const json = await get('discovery.json');
    assert.equal(json.status, 200);
    assert.match(json.headers['content-type'], /^application\/json/);
    assert.equal(json.json.endpoints[0].specification, 'http://wiki.open311.org/GeoReport_v2');
    assert.deepEqual(json.json.endpoints[0].formats, ['text/xml', 'application/json']);
    const xml = await get('discovery.xml');
    assert.match(xml.headers['content-type'], /^text\/xml; charset=utf-8/);
    assert.match(xml.body, /^<\?xml version="1.0" encoding="utf-8"\?>/);
    const doc = parseXml(xml.body);
    assert.equal(doc.tag, 'discovery');
    const endpoint = child(child(doc, 'endpoints'), 'endpoint');
    assert.deepEqual(child(endpoint, 'formats').children.map((f) => f.text), ['text/xml', 'application/json']);
  });

  test('services: the unit\'s categories, a plain array in JSON, escaped in XML', async () => {
    const json = await get('services.json');
    assert.equal(json.status, 200, json.body);
    assert.ok(Array.isArray(json.json));
    const rac = json.json.find((s) => s.service_code === 'rac-thai');
    assert.deepEqual(rac, {
      service_code: 'rac-thai', service_name: 'Rác thải & "vệ sinh" <môi trường>', description: 'Rác để sai nơi quy định',
      metadata: true, type: 'realtime', keywords: 'rác, vệ sinh', group: 'Môi trường',
    });
    assert.equal(json.json.find((s) => s.service_code === 'chieu-sang').metadata, false);
    const xml = await get('services.xml');
    const doc = parseXml(xml.body);
    assert.equal(doc.tag, 'services');
    const service = doc.children.find((s) => textOf(s, 'service_code') === 'rac-thai');
    assert.equal(service.tag, 'service');
    assert.equal(textOf(service, 'service_name'), 'Rác thải & "vệ sinh" <môi trường>');
    assert.equal(textOf(service, 'metadata'), 'true');
    // jurisdiction_id by the ward's official code gives the same.
    assert.deepEqual((await get('services.json?jurisdiction_id=00070')).json, json.json);
  });

  test('a service definition lists its attributes with their datatypes and values', async () => {
    const json = await get('services/rac-thai.json');
    assert.equal(json.status, 200, json.body);
    assert.equal(json.json.service_code, 'rac-thai');
    const [kind, when] = json.json.attributes;
    assert.equal(kind.code, 'kind');
    assert.equal(kind.datatype, 'singlevaluelist');
    assert.equal(kind.required, true);
    assert.equal(kind.order, 1);
    assert.deepEqual(kind.values, [{ key: 'household', name: 'Rác sinh hoạt' }, { key: 'building', name: 'Phế thải xây dựng' }]);
    assert.equal(when.datatype, 'multivaluelist');
    const doc = parseXml((await get('services/rac-thai.xml')).body);
    assert.equal(doc.tag, 'service_definition');
    const attrs = child(doc, 'attributes').children;
    assert.equal(attrs.length, 2);
    assert.equal(attrs[0].tag, 'attribute');
    assert.deepEqual(child(attrs[0], 'values').children.map((v) => textOf(v, 'key')), ['household', 'building']);
  });

  test('an unknown service_code or jurisdiction is 404, errors a list of {code, description}', async () => {
    const json = await get('services/nope.json');
    assert.equal(json.status, 404);
    assert.equal(json.json.length, 1);
    assert.equal(json.json[0].code, 404);
    assert.equal(typeof json.json[0].description, 'string');
    const xml = await get('services/nope.xml');
    assert.equal(xml.status, 404);
    const doc = parseXml(xml.body);
    assert.equal(doc.tag, 'errors');
    assert.equal(textOf(child(doc, 'error'), 'code'), '404');
    assert.equal((await get('services.json?jurisdiction_id=99999')).status, 404);
    assert.equal((await get('nothing-here.json')).json[0].code, 404);
    const unknownParameter = await get('services.json?colour=red');
    assert.equal(unknownParameter.status, 400);
    assert.equal(unknownParameter.json[0].code, 400);
  });

  test('POST without an api_key, or with a wrong one, is 403 in the specification\'s shape', async () => {
    const fields = { service_code: 'rac-thai', lat: '21.03', long: '105.85', 'attribute[kind]': 'household' };
    for (const body of [form(fields), form({ ...fields, api_key: 'dv_not-a-token' })]) {
      const r = await post('requests.json', body, { 'content-type': 'application/x-www-form-urlencoded' });
      assert.equal(r.status, 403, r.body);
      assert.deepEqual(Object.keys(r.json[0]), ['code', 'description']);
      assert.equal(r.json[0].code, 403);
    }
    const xml = await post('requests.xml', form(fields), { 'content-type': 'application/x-www-form-urlencoded' });
    assert.equal(xml.status, 403);
    assert.equal(textOf(child(parseXml(xml.body), 'error'), 'code'), '403');
  });

  test('POST with attribute[CODE] and attribute[CODE][] plain, lat/long and contact fields', async () => {
    const body = 'api_key=' + encodeURIComponent(token) + '&service_code=rac-thai&lat=21.0285&long=105.8542' +
      '&attribute[kind]=household&attribute[when][]=morning&attribute[when][]=evening' +
      '&description=' + encodeURIComponent('Rác đổ bừa bãi đầu ngõ 5') +
      '&first_name=B%C3%ACnh&last_name=Nguy%E1%BB%85n&email=binh%40example.vn&phone=0912345678&device_id=dev-1' +
      '&media_url=' + encodeURIComponent('https://example.com/rac.jpg');
    const r = await post('requests.json', body, { 'content-type': 'application/x-www-form-urlencoded' });
    assert.equal(r.status, 200, r.body);
    assert.equal(r.json.length, 1);
    assert.match(r.json[0].service_request_id, /^PA-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    assert.equal(typeof r.json[0].service_notice, 'string');
    assert.equal(r.json[0].account_id, null);
    sent.push(r.json[0].service_request_id);
  });

  test('POST with percent-encoded brackets, a byte-order mark and address_string, answered in XML', async () => {
    const body = '\uFEFFapi_key=' + encodeURIComponent(token) + '&service_code=rac-thai' +
      '&address_string=' + encodeURIComponent('Số 1 Hàng Bài') +
      '&attribute%5Bkind%5D=building&attribute%5Bwhen%5D%5B%5D=evening&device_id=dev-2';
    const r = await post('requests.xml', body, { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' });
    assert.equal(r.status, 200, r.body);
    const doc = parseXml(r.body);
    assert.equal(doc.tag, 'service_requests');
    const request = child(doc, 'request');
    sent.push(textOf(request, 'service_request_id'));
    assert.match(sent.at(-1), /^PA-/);
  });

  test('POST as multipart/form-data, the api_key as a bearer token', async () => {
    const data = new FormData();
    data.append('service_code', 'rac-thai');
    data.append('attribute[kind]', 'household');
    data.append('attribute[when][]', 'morning');
    data.append('address_string', 'Ngõ 12 Hàng Trống');
    data.append('description', 'Dòng một\r\nDòng hai');
    data.append('device_id', 'dev-3');
    data.append('media', new Blob([tinyJpeg(32, 24)], { type: 'image/jpeg' }), 'rac.jpg');
    const r = await fetchText(`${base}/requests.json`, {
      method: 'POST', body: data, headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(10_000),
    });
    assert.equal(r.status, 200, r.body);
    sent.push(r.json[0].service_request_id);
    const back = await get(`requests/${sent.at(-1)}.json`);
    assert.equal(back.json[0].description, 'Dòng một\nDòng hai');
    // media_url: the photo as the public may fetch it, at server.public_url; re-encoded like every upload.
    const media = new URL(back.json[0].media_url);
    assert.match(media.pathname, new RegExp(`^/api/v1/public/concerns/${sent.at(-1)}/files/\\d+$`));
    const photo = await fetch(`${server.url}${media.pathname}`);
    assert.equal(photo.status, 200);
    assert.equal(photo.headers.get('content-type'), 'image/jpeg');
    const xml = parseXml((await get(`requests/${sent.at(-1)}.xml`)).body);
    assert.equal(textOf(child(xml, 'request'), 'media_url'), back.json[0].media_url);
  });

  test('POST mistakes are 400, an unknown service_code 404', async () => {
    const ok = { api_key: token, service_code: 'rac-thai', lat: '21.03', long: '105.85', 'attribute[kind]': 'household' };
    const cases = [
      [{ ...ok, 'attribute[kind]': 'gold' }, 400],  // not one of the values
      [{ ...ok, lat: 'north' }, 400],               // not a number
      [{ ...ok, lat: '123' }, 400],                 // out of range
      [{ api_key: token, service_code: 'rac-thai', 'attribute[kind]': 'household' }, 400],  // no location
      [{ ...ok, 'attribute[kind]': undefined }, 400],  // a required attribute missing
      [{ ...ok, colour: 'red' }, 400],              // not a field of the form
      [{ ...ok, service_code: 'no-such-service' }, 404],
    ];
    for (const [fields, status] of cases) {
      const clean = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
      const r = await post('requests.json', form({ ...clean, device_id: 'dev-mistakes' }),
        { 'content-type': 'application/x-www-form-urlencoded' });
      assert.equal(r.status, status, `${JSON.stringify(clean)}: ${r.body}`);
      assert.equal(r.json[0].code, status);
    }
    const json = await post('requests.json', JSON.stringify(ok), { 'content-type': 'application/json' });
    assert.equal(json.status, 400, 'a JSON body is not a form');
  });

  test('the rate limit answers in the specification\'s shape', async () => {
    const fields = { api_key: token, service_code: 'chieu-sang', address_string: 'Ngõ 7', device_id: 'dev-busy' };
    let last;
    for (let i = 0; i < 6; i++)
      last = await post('requests.json', form(fields), { 'content-type': 'application/x-www-form-urlencoded' });
    assert.equal(last.status, 400, last.body);
    assert.equal(last.json[0].code, 400);
    assert.ok(last.headers['retry-after']);
  });

  test('GET requests: open ones, filters, and one by its id in both formats; never a contact', async () => {
    const all = await get('requests.json');
    assert.equal(all.status, 200, all.body);
    for (const code of sent) assert.ok(all.json.some((r) => r.service_request_id === code), code);
    const first = all.json.find((r) => r.service_request_id === sent[0]);
    assert.equal(first.status, 'open');
    assert.equal(first.service_code, 'rac-thai');
    assert.equal(first.lat, 21.0285);
    assert.equal(first.long, 105.8542);
    assert.match(first.requested_datetime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/);
    assert.match(first.description, /Rác đổ bừa bãi đầu ngõ 5/);
    assert.match(first.description, /https:\/\/example\.com\/rac\.jpg/, 'the media_url kept as text');
    assert.equal(first.media_url, null, 'a link the client sent is not ours to serve');

    const byIds = await get(`requests.json?service_request_id=${sent[0]},${sent[1]}&status=closed`);
    assert.deepEqual(byIds.json.map((r) => r.service_request_id).sort(), [sent[0], sent[1]].sort(),
      'service_request_id overrides the other filters');
    assert.equal((await get('requests.json?status=closed')).json.length, 0);
    assert.ok((await get('requests.json?status=open&service_code=rac-thai')).json.length >= 3);
    assert.equal((await get('requests.json?service_code=chieu-sang&status=closed')).json.length, 0);
    const now = new Date();
    const old = (await get(`requests.json?end_date=${encodeURIComponent(new Date(now - 100 * 864e5).toISOString())}`));
    assert.equal(old.status, 200, old.body);
    assert.equal(old.json.length, 0);
    const wide = await get('requests.json?start_date=2025-01-01T00:00:00Z&end_date=2025-12-31T00:00:00Z');
    assert.equal(wide.status, 400, 'more than 90 days apart');
    assert.equal((await get('requests.json?status=pending')).status, 400);

    const one = await get(`requests/${sent[1]}.json`);
    assert.equal(one.status, 200);
    assert.equal(one.json.length, 1);
    assert.equal(one.json[0].address, 'Số 1 Hàng Bài');
    assert.equal(one.json[0].lat, null);
    const xml = parseXml((await get(`requests/${sent[0]}.xml`)).body);
    assert.equal(xml.tag, 'service_requests');
    const request = child(xml, 'request');
    assert.equal(textOf(request, 'status'), 'open');
    assert.equal(textOf(request, 'lat'), '21.0285');
    assert.equal((await get('requests/PA-0000-0000.json')).status, 404);

    const token311 = await get(`tokens/${sent[0]}.json`);
    assert.deepEqual(token311.json, [{ service_request_id: sent[0], token: sent[0] }]);

    for (const p of ['requests.json', 'requests.xml', `requests/${sent[0]}.json`, `requests/${sent[0]}.xml`]) {
      const body = (await get(p)).body;
      for (const secret of ['binh@example.vn', '0912345678', 'Bình', 'Nguyễn', 'dev-1'])
        assert.ok(!body.includes(secret), `${p} shows ${secret}`);
    }
  });
});
