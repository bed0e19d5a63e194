// Drives the Salesforce simulator with jsforce 3.10.16: the OAuth web-server
// flow with PKCE (submitting the login and approval forms as a browser
// would), describe, a query paged over several batches, single-record and
// collection writes, and an error. Prints one JSON object for the Go test.
//
// Usage: node script.mjs <loginUrl> <username> <password> <clientId>
import jsforce from 'jsforce';

const [loginUrl, username, password, clientId] = process.argv.slice(2);
const redirectUri = 'http://127.0.0.1:9/callback';

// formAction returns the absolute form action of an HTML page.
function formAction(base, html) {
  const m = html.match(/<form[^>]*action="([^"]*)"/);
  if (!m) throw new Error('no form on page: ' + html.slice(0, 200));
  const decoded = m[1].replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n))).replaceAll('&amp;', '&');
  return new URL(decoded, base).toString();
}

// browserLogin loads the authorize page, logs in, approves and returns the
// authorization code from the redirect.
async function browserLogin(authUrl) {
  const page = await (await fetch(authUrl)).text();
  const login = await fetch(formAction(authUrl, page), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ step: 'login', username, pw: password }),
    redirect: 'manual',
  });
  const cookie = (login.headers.get('set-cookie') || '').split(';')[0];
  const approvePage = await login.text();
  const approve = await fetch(formAction(authUrl, approvePage), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ step: 'approve', approve: 'Allow' }),
    redirect: 'manual',
  });
  const location = approve.headers.get('location');
  if (!location) throw new Error('no redirect after approval, status ' + approve.status);
  const cb = new URL(location);
  return { code: cb.searchParams.get('code'), state: cb.searchParams.get('state') };
}

async function main() {
  const out = {};
  const oauth2 = new jsforce.OAuth2({ loginUrl, clientId, redirectUri, useVerifier: true });
  const { code, state } = await browserLogin(oauth2.getAuthorizationUrl({ state: 'js-state', scope: 'api refresh_token' }));
  out.state = state;
  const conn = new jsforce.Connection({ oauth2, version: '59.0' });
  const userInfo = await conn.authorize(code);
  out.login = { userId: userInfo.id, orgId: userInfo.organizationId, instanceUrl: conn.instanceUrl, hasRefreshToken: !!conn.refreshToken };
  const identity = await conn.identity();
  out.identity = { username: identity.username, userId: identity.user_id };

  const global = await conn.describeGlobal();
  out.describeGlobal = { count: global.sobjects.length, hasOpportunity: global.sobjects.some((s) => s.name === 'Opportunity') };
  const desc = await conn.sobject('Account').describe();
  const name = desc.fields.find((f) => f.name === 'Name');
  out.describe = { name: desc.name, keyPrefix: desc.keyPrefix, nameLength: name.length, nameType: name.type };

  // Collections create in chunks of 200, then a query paged in batches of 200.
  const seed = [];
  for (let i = 0; i < 450; i++) seed.push({ Name: 'JS Page ' + String(i).padStart(3, '0') });
  const created = await conn.sobject('Account').create(seed, { allOrNone: false, allowRecursive: true });
  out.createMany = { count: created.length, allSuccess: created.every((r) => r.success) };

  const soql = "SELECT Id, Name FROM Account WHERE Name LIKE 'JS Page%' ORDER BY Name";
  let res = await conn.query(soql).execute({ autoFetch: false, headers: { 'Sforce-Query-Options': 'batchSize=200' } });
  const pages = [res.records.length];
  const names = res.records.map((r) => r.Name);
  while (!res.done) {
    res = await conn.queryMore(res.nextRecordsUrl);
    pages.push(res.records.length);
    names.push(...res.records.map((r) => r.Name));
  }
  out.paging = { totalSize: res.totalSize, pages, first: names[0], last: names[names.length - 1] };

  // Single-record writes.
  const one = await conn.sobject('Account').create({ Name: 'JS Single', Industry: 'Energy' });
  await conn.sobject('Account').update({ Id: one.id, Name: 'JS Single Updated' });
  const got = await conn.sobject('Account').retrieve(one.id);
  out.single = { created: one.success, name: got.Name, industry: got.Industry };

  // Upsert by external id (Product2.ExternalId is an external-id field).
  const up1 = await conn.sobject('Product2').upsert({ ExternalId: 'JS-EXT-1', Name: 'JS Product' }, 'ExternalId');
  const up2 = await conn.sobject('Product2').upsert({ ExternalId: 'JS-EXT-1', Name: 'JS Product 2' }, 'ExternalId');
  const upN = await conn.sobject('Product2').upsert(
    [{ ExternalId: 'JS-EXT-1', Name: 'JS Product 3' }, { ExternalId: 'JS-EXT-2', Name: 'JS Product B' }], 'ExternalId');
  out.upsert = { firstCreated: up1.created, secondCreated: up2.created, sameId: up1.id === up2.id, many: upN.map((r) => r.created) };

  // Collection update and delete (jsforce sends lower-case id in updates).
  const two = await conn.sobject('Account').create([{ Name: 'JS Coll A' }, { Name: 'JS Coll B' }]);
  const upd = await conn.sobject('Account').update(two.map((r, i) => ({ Id: r.id, Name: 'JS Coll U' + i })));
  const many = await conn.sobject('Account').retrieve(two.map((r) => r.id));
  const del = await conn.sobject('Account').destroy(two.map((r) => r.id));
  await conn.sobject('Account').destroy(one.id);
  out.collections = { updated: upd.every((r) => r.success), names: many.map((r) => r.Name), deleted: del.every((r) => r.success) };
  const after = await conn.query("SELECT COUNT() FROM Account WHERE Name LIKE 'JS Coll%' OR Name = 'JS Single Updated'");
  out.afterDelete = after.totalSize;

  // Errors: a missing record and a missing required field.
  try {
    await conn.sobject('Account').retrieve('001000000000000AAA');
    out.notFound = 'no error';
  } catch (e) {
    out.notFound = { name: e.name, errorCode: e.errorCode };
  }
  try {
    await conn.sobject('Opportunity').create({ Name: 'JS Missing Stage' });
    out.required = { success: true, codes: [] };
  } catch (e) {
    out.required = { success: false, codes: [e.errorCode], fields: e.data && e.data.fields };
  }
  const mixed = await conn.sobject('Opportunity').create(
    [{ Name: 'JS Good', StageName: 'Prospecting', CloseDate: '2025-01-31' }, { Name: 'JS Bad' }], { allOrNone: false });
  out.mixed = mixed.map((r) => ({ success: r.success, codes: (r.errors || []).map((e) => e.errorCode || e.statusCode) }));
  try {
    await conn.query('SELECT Nope FROM Account');
    out.badQuery = 'no error';
  } catch (e) {
    out.badQuery = { errorCode: e.errorCode };
  }
  process.stdout.write(JSON.stringify(out) + '\n');
}

main().catch((e) => {
  process.stderr.write(String(e && e.stack ? e.stack : e) + '\n');
  process.exit(1);
});
