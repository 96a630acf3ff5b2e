// Pantau's service worker: after a first visit the app opens with no network.
//
// What is kept, in two caches whose names carry VERSION:
// - pages (HTML) the person opened, by full URL, query string included;
// - files: /pkg/* (the JS, the wasm and the CSS) and other static files of the site.
//
// Strategy: network first for pages AND for files, the cache only when the network fails.
// cargo-leptos does not hash file names here (no `hash-files` in Cargo.toml), so every build
// serves /pkg/pantau.js, /pkg/pantau_bg.wasm and /pkg/pantau.css under the same URLs, and a
// wasm from one build cannot hydrate the HTML of another. So the cache must never pair them
// across builds:
// - Online, a page is fetched from the server and so are its files, revalidated past the
//   browser's HTTP cache (`cache: 'no-cache'`: the server sends Last-Modified and no
//   Cache-Control, so the browser may otherwise reuse an old /pkg file by heuristic freshness).
//   Both are stored on every successful fetch.
// - A page answered from the cache (offline, or the network failed) gets its files from the
//   cache too, even if the network comes back in between, so old HTML never meets new wasm.
// - When a file fetched online differs from the stored one (Last-Modified/ETag/length), a new
//   build is out: every stored page except the one now loading is dropped, since those pages
//   belong to the old build and would not hydrate with the new files.
// Known gap: a page fetched online whose files then fail to load falls back to the stored
// files, which may be from an older build; the page is still readable (it is rendered in full
// on the server), it just may not become interactive until the next load.
//
// Never touched: anything under /api/ (server functions, sign-in and sign-out, the live
// stream /api/plans/{id}/events), any request that is not a GET, other origins, and this file.
// Never stored: redirects (a signed-out visit is sent to /masuk) and anything but a 200.
// A redirect of a page, or opening the login page, means the session ended: stored pages are
// dropped, so the next person at this device cannot read them offline.
//
// Bump VERSION when this file's caching changes; activation deletes our other caches.

const VERSION = 'v1';
const PREFIX = 'pantau-';
const PAGES = `${PREFIX}halaman-${VERSION}`;
const FILES = `${PREFIX}berkas-${VERSION}`;

const OFFLINE_PAGE = `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Luring - Pantau</title>
</head>
<body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5">
<h1>Pantau</h1>
<p>Anda sedang luring; halaman ini belum pernah dibuka di perangkat ini.</p>
<p><a href="">Coba lagi</a> &middot; <a href="/">Ke beranda</a></p>
</body>
</html>`;

// Clients (tabs) whose page came from the cache: their files come from the cache too.
const servedFromCache = new Set();

function remember(clientId) {
  if (!clientId) return;
  servedFromCache.add(clientId);
  if (servedFromCache.size > 50) {
    servedFromCache.delete(servedFromCache.values().next().value);
  }
}

function withoutHash(href) {
  const url = new URL(href);
  url.hash = '';
  return url.href;
}

// Mirrors `is_page` in server/src/auth.rs.
function isPage(pathname) {
  const last = pathname.split('/').pop();
  return !(pathname.startsWith('/api/') || pathname.startsWith('/pkg/') || last.includes('.'));
}

function isFile(pathname) {
  return pathname.startsWith('/pkg/') || pathname.split('/').pop().includes('.');
}

function storable(response) {
  return response.status === 200 && response.type === 'basic' && !response.redirected;
}

// What identifies one build's version of a file.
function fingerprint(response) {
  const h = response.headers;
  return [h.get('etag'), h.get('last-modified'), h.get('content-length')].join('|');
}

async function forgetPages(keep) {
  const cache = await caches.open(PAGES);
  const kept = keep ? withoutHash(keep) : null;
  const keys = await cache.keys();
  await Promise.all(
    keys.filter((key) => withoutHash(key.url) !== kept).map((key) => cache.delete(key)),
  );
}

async function storePage(href, response) {
  const cache = await caches.open(PAGES);
  await cache.put(withoutHash(href), response);
}

// Stores a file; true when it replaced a different one (a new build).
async function storeFile(href, response) {
  const cache = await caches.open(FILES);
  const old = await cache.match(href, { ignoreVary: true });
  await cache.put(href, response.clone());
  return Boolean(old) && fingerprint(old) !== fingerprint(response);
}

async function cachedPage(href) {
  const cache = await caches.open(PAGES);
  const url = new URL(withoutHash(href));
  const exact = await cache.match(url.href, { ignoreVary: true });
  if (exact || !url.search) return exact;
  url.search = '';
  return cache.match(url.href, { ignoreVary: true });
}

function offlinePage() {
  return new Response(OFFLINE_PAGE, {
    status: 503,
    statusText: 'Service Unavailable',
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}

async function page(event) {
  const request = event.request;
  const url = new URL(request.url);
  let response;
  try {
    response = await fetch(request);
  } catch (error) {
    const cached = await cachedPage(request.url);
    if (cached) {
      remember(event.resultingClientId);
      return cached;
    }
    return offlinePage();
  }
  // Signed out (the gate redirects pages to /masuk) or about to sign in: forget the pages.
  const sessionEnded =
    url.pathname === '/masuk' || response.type === 'opaqueredirect' || response.redirected;
  const forgotten = sessionEnded ? forgetPages(null) : Promise.resolve();
  if (storable(response)) {
    const copy = response.clone();
    event.waitUntil(forgotten.then(() => storePage(request.url, copy)));
  } else {
    event.waitUntil(forgotten);
  }
  return response;
}

async function file(event) {
  const request = event.request;
  if (servedFromCache.has(event.clientId)) {
    const cached = await caches.match(request, { cacheName: FILES, ignoreVary: true });
    if (cached) return cached;
  }
  let response;
  try {
    response = await fetch(request, { cache: 'no-cache' });
  } catch (error) {
    const cached = await caches.match(request, { cacheName: FILES, ignoreVary: true });
    if (cached) return cached;
    throw error;
  }
  if (storable(response)) {
    const copy = response.clone();
    event.waitUntil(
      storeFile(request.url, copy).then(async (newBuild) => {
        if (!newBuild) return;
        const client = event.clientId ? await self.clients.get(event.clientId) : null;
        await forgetPages(client ? client.url : null);
      }),
    );
  }
  return response;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || request.headers.has('range')) return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/') || url.pathname === '/sw.js') return;
  if (request.mode === 'navigate') {
    if (isPage(url.pathname)) event.respondWith(page(event));
    return;
  }
  if (isFile(url.pathname)) event.respondWith(file(event));
});

// The files a page loads: the <link> hints HydrationScripts writes and the stylesheet.
function filesOf(html, base) {
  const found = new Set();
  for (const match of html.matchAll(/(?:href|src)\s*=\s*["']([^"']*\/pkg\/[^"']+)["']/g)) {
    const url = new URL(match[1], base);
    if (url.origin === self.location.origin) found.add(url.href);
  }
  return [...found];
}

// Stores a page the person has open, together with all its files, fetched again now (the
// files are most likely a 304 from the browser's HTTP cache).
async function storeWithFiles(href) {
  const url = new URL(withoutHash(href));
  if (url.origin !== self.location.origin || !isPage(url.pathname)) return;
  const response = await fetch(url.href);
  const type = response.headers.get('content-type') || '';
  if (!storable(response) || !type.startsWith('text/html')) return;
  const files = filesOf(await response.clone().text(), url.href);
  const fetched = await Promise.all(files.map((href) => fetch(href, { cache: 'no-cache' })));
  if (!fetched.every(storable)) return;
  const changed = await Promise.all(fetched.map((r, i) => storeFile(files[i], r)));
  if (changed.some(Boolean)) await forgetPages(url.href);
  await storePage(url.href, response);
}

// The tab that registered this worker loaded its page and files before the worker existed,
// so none of it went through the cache: store them now.
async function storeOpenPages() {
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  for (const client of windows) {
    try {
      await storeWithFiles(client.url);
    } catch (error) {
      // Offline or the server is down: the next visit stores the page instead.
    }
  }
}

// A page tells the worker when it moved to another address without a full load (the router
// navigates in the page) and when its stored copy is out of date (its edits reached the
// server): `{ visited: href }`. The page is stored again as the server renders it now.
self.addEventListener('message', (event) => {
  const href = event.data && event.data.visited;
  if (typeof href !== 'string') return;
  event.waitUntil(storeWithFiles(href).catch(() => {}));
});

self.addEventListener('install', (event) => {
  self.skipWaiting();
  event.waitUntil(storeOpenPages().catch(() => {}));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names
          .filter((name) => name.startsWith(PREFIX) && name !== PAGES && name !== FILES)
          .map((name) => caches.delete(name)),
      );
      await self.clients.claim();
    })(),
  );
});
