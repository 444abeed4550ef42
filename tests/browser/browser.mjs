// browser.mjs - what every browser test shares: Debian's Chromium started
// headless by Playwright with the flags this closed network needs, a fresh
// server on a copy of the template database, and a login helper.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { freshDb, addUser, Server } from '../http/harness.mjs';

export const SHOTS = path.resolve('tests/out/screens');

/** Starts a server with the given users ({login, org, role, password}) and a browser. */
export async function start(users, { env = {} } = {}) {
  fs.mkdirSync(SHOTS, { recursive: true });
  const fresh = await freshDb();
  for (const u of users) await addUser(fresh.db, u.login, u.org, u.role, u.password);
  const made = new Server(fresh.db);
  made.env = env; // extra environment of the server process (TTDN_NOW)
  const server = await made.start();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  return { dir: fresh.dir, server, browser };
}

export async function stop(env) {
  if (!env) return;
  if (env.browser) await env.browser.close();
  if (env.server) await env.server.stopClean();
  if (env.dir) fs.rmSync(env.dir, { recursive: true, force: true });
}

/** Logs in through the login form and waits to leave it. */
export async function logIn(page, base, login, password) {
  await page.goto(base + '/login');
  await page.fill('#login', login);
  await page.fill('#password', password);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.click('button[type=submit]')]);
}
