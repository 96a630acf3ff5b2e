// Pantau's service worker: after a first visit the app opens with no network.
//
// What is kept, in two caches whose names carry VERSION:
// - pages (HTML) the person opened, by full URL, query string included;
// - files: /pkg/* (the JS, the wasm and the CSS) and other static files of the site.
//
// /pkg names carry a hash of their content (cargo-leptos `hash-files`): a page names the files of
// its own build, and a name always means the same bytes. So:
// - Pages: network first, the cache only when the network fails.
// - /pkg files: the cache first (a stored file is the right one by its name), else the network
//   (where the server sends them `immutable`, so the browser's HTTP cache answers too), stored.
//   A page stored from an old build, opened after a new build is deployed (offline, or when
//   the network fails), asks for its own old names and gets them from the cache: old HTML never
//   meets new wasm. Files no stored page names any more are removed when a page is stored.
// - Other files (robots.txt, the manifest and icons): network first, the cache when the network
//   fails. The manifest and its icons are stored at install (APP_FILES), so a Pantau pinned to
//   the home screen opens with its name and icon offline too.
//
// Never touched: anything under /api/ (server functions, sign-in and sign-out, the live
// stream /api/plans/{id}/events), any request that is not a GET, other origins, and this file.
// Never stored: redirects (a signed-out visit is sent to /masuk) and anything but a 200.
// A redirect of a page, or opening the login page, means the session ended: stored pages are
// dropped, so the next person at this device cannot read them offline.
//
// Bump VERSION when this file's caching changes; activation deletes our other caches.

const VERSION = 'v3';
const PREFIX = 'pantau-';
const PAGES = `${PREFIX}halaman-${VERSION}`;
const FILES = `${PREFIX}berkas-${VERSION}`;
// Keep in step with public/manifest.webmanifest and the <link>s of app/src/shell.rs.
const APP_FILES = [
  '/manifest.webmanifest',
  '/favicon.ico',
  '/icons/pantau.svg',
  '/icons/pantau-180.png',
  '/icons/pantau-192.png',
  '/icons/pantau-512.png',
  '/icons/pantau-maskable-512.png',
];

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
  return isHashed(pathname) || pathname.split('/').pop().includes('.');
}

// A content-hashed file: its name always means the same bytes.
function isHashed(pathname) {
  return pathname.startsWith('/pkg/');
}

function storable(response) {
  return response.status === 200 && response.type === 'basic' && !response.redirected;
}

async function forgetPages() {
  const cache = await caches.open(PAGES);
  const keys = await cache.keys();
  await Promise.all(keys.map((key) => cache.delete(key)));
  await forgetUnusedFiles();
}

async function storePage(href, response) {
  const cache = await caches.open(PAGES);
  await cache.put(withoutHash(href), response);
}

async function storeFile(href, response) {
  const cache = await caches.open(FILES);
  await cache.put(href, response);
}

// Removes the /pkg files that no stored page names (older builds').
async function forgetUnusedFiles() {
  const pages = await caches.open(PAGES);
  const named = new Set();
  for (const key of await pages.keys()) {
    const page = await pages.match(key);
    if (page) for (const href of filesOf(await page.text(), key.url)) named.add(href);
  }
  const files = await caches.open(FILES);
  const keys = await files.keys();
  await Promise.all(
    keys
      .filter((key) => isHashed(new URL(key.url).pathname) && !named.has(key.url))
      .map((key) => files.delete(key)),
  );
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
    if (cached) return cached;
    return offlinePage();
  }
  // Signed out (the gate redirects pages to /masuk) or about to sign in: forget the pages.
  const sessionEnded =
    url.pathname === '/masuk' || response.type === 'opaqueredirect' || response.redirected;
  const forgotten = sessionEnded ? forgetPages() : Promise.resolve();
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
  const hashed = isHashed(new URL(request.url).pathname);
  if (hashed) {
    const cached = await caches.match(request, { cacheName: FILES, ignoreVary: true });
    if (cached) return cached;
  }
  let response;
  try {
    response = await fetch(request);
  } catch (error) {
    const cached = await caches.match(request, { cacheName: FILES, ignoreVary: true });
    if (cached) return cached;
    throw error;
  }
  if (storable(response)) {
    event.waitUntil(storeFile(request.url, response.clone()));
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

// Stores a page the person has open, together with all its files (those not stored yet come
// from the browser's HTTP cache, where they are kept `immutable`).
async function storeWithFiles(href) {
  const url = new URL(withoutHash(href));
  if (url.origin !== self.location.origin || !isPage(url.pathname)) return;
  const response = await fetch(url.href);
  const type = response.headers.get('content-type') || '';
  if (!storable(response) || !type.startsWith('text/html')) return;
  const files = filesOf(await response.clone().text(), url.href);
  const cache = await caches.open(FILES);
  const missing = [];
  for (const href of files) {
    if (!(await cache.match(href, { ignoreVary: true }))) missing.push(href);
  }
  const fetched = await Promise.all(missing.map((href) => fetch(href)));
  if (!fetched.every(storable)) return;
  await Promise.all(fetched.map((r, i) => storeFile(missing[i], r)));
  await storePage(url.href, response);
  await forgetUnusedFiles();
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

// The manifest and icons, each stored if it can be fetched now (one missing stops none).
async function storeAppFiles() {
  const cache = await caches.open(FILES);
  await Promise.all(
    APP_FILES.map(async (path) => {
      try {
        const response = await fetch(path, { cache: 'no-cache' });
        if (storable(response)) await cache.put(new URL(path, self.location.origin).href, response);
      } catch (error) {
        // Offline: stored on the next install or when the browser asks for it.
      }
    }),
  );
}

self.addEventListener('install', (event) => {
  self.skipWaiting();
  event.waitUntil(Promise.all([storeAppFiles(), storeOpenPages().catch(() => {})]));
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
      await forgetUnusedFiles();
      await self.clients.claim();
    })(),
  );
});
