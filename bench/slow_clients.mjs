// slow_clients.mjs - holds N connections to a server that each send a header
// byte every 2 s and never finish their headers (slowloris), from several
// loopback addresses; a connection the server closes is opened again.
// Prints "held N" every second on stdout; stops on SIGTERM or SIGINT.
//
//   node bench/slow_clients.mjs HOST PORT N ADDRESSES
//   (local addresses 127.0.0.2 .. 127.0.0.(1 + ADDRESSES))
import net from 'node:net';

const [host, port, n, addrs] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4]), Number(process.argv[5] || 20)];
let stopping = false;
let held = 0;
let reopened = 0;
const socks = new Array(n);

function open(i) {
  const s = net.connect({ host, port, localAddress: `127.0.0.${2 + (i % addrs)}` });
  let up = false;
  s.on('connect', () => { up = true; held++; s.write('GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: '); });
  s.on('error', () => {});
  s.on('close', () => {
    if (up) held--;
    if (!stopping) { reopened++; setTimeout(() => open(i), 200); }
  });
  socks[i] = s;
}

let next = 0;
const opener = setInterval(() => {
  for (let k = 0; k < 250 && next < n; k++) open(next++);
  if (next >= n) clearInterval(opener);
}, 50);
const dribble = setInterval(() => { for (const s of socks) if (s && !s.destroyed && s.writable) s.write('a'); }, 2000);
const report = setInterval(() => { process.stdout.write(`held ${held} reopened ${reopened}\n`); }, 1000);

function stop() {
  stopping = true;
  clearInterval(opener); clearInterval(dribble); clearInterval(report);
  for (const s of socks) if (s) s.destroy();
  setTimeout(() => process.exit(0), 200);
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
