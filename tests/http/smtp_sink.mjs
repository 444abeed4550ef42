// smtp_sink.mjs - a tiny SMTP server on loopback for tests: it speaks
// enough SMTP (HELO/EHLO, MAIL FROM, RCPT TO, DATA, RSET, NOOP, QUIT) to
// take mail from libcurl and keeps each message as
// {from, to: [...], data, headers, subject, body}. Nothing leaves the machine.
import net from 'node:net';

/** Decodes RFC 2047 encoded words (B and Q) in a header value. */
export function decodeWords(v) {
  return v.replace(/\r?\n[ \t]/g, ' ')
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=/gi, (_, enc, text) => (enc.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (m, h) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8')));
}

function parseMessage(data) {
  const cut = data.indexOf('\r\n\r\n');
  const head = data.slice(0, cut);
  const raw = data.slice(cut + 4);
  const headers = {};
  for (const line of head.replace(/\r\n[ \t]/g, '\r\n\t').split(/\r\n(?![ \t])/)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  const b64 = /base64/i.test(headers['content-transfer-encoding'] || '');
  const body = b64 ? Buffer.from(raw.replace(/\s+/g, ''), 'base64').toString('utf8') : raw;
  return { headers, head, subject: decodeWords(headers.subject || ''), body };
}

/** Starts the sink on 127.0.0.1 (a free port); resolves {port, messages, close()}. */
export function startSmtpSink() {
  const messages = [];
  const server = net.createServer((sock) => {
    sock.setEncoding('latin1');
    let buf = '';
    let inData = false;
    let cur = { from: '', to: [] };
    const say = (s) => sock.write(`${s}\r\n`);
    say('220 sink.test ESMTP');
    sock.on('data', (chunk) => {
      buf += chunk;
      for (;;) {
        if (inData) {
          const end = buf.indexOf('\r\n.\r\n');
          const atStart = buf.startsWith('.\r\n');
          if (end < 0 && !atStart) return;
          const data = atStart ? '' : buf.slice(0, end + 2);
          buf = atStart ? buf.slice(3) : buf.slice(end + 5);
          const text = Buffer.from(data.replace(/^\.\./gm, '.'), 'latin1').toString('utf8');
          messages.push({ ...cur, data: text, ...parseMessage(text) });
          cur = { from: '', to: [] };
          inData = false;
          say('250 OK queued');
          continue;
        }
        const nl = buf.indexOf('\r\n');
        if (nl < 0) return;
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 2);
        const cmd = line.slice(0, 4).toUpperCase();
        if (cmd === 'EHLO' || cmd === 'HELO') say('250 sink.test');
        else if (cmd === 'MAIL') { cur.from = (line.match(/<([^>]*)>/) || [])[1] || ''; say('250 OK'); }
        else if (cmd === 'RCPT') { cur.to.push((line.match(/<([^>]*)>/) || [])[1] || ''); say('250 OK'); }
        else if (cmd === 'DATA') { inData = true; say('354 go ahead'); }
        else if (cmd === 'RSET') { cur = { from: '', to: [] }; say('250 OK'); }
        else if (cmd === 'NOOP') say('250 OK');
        else if (cmd === 'QUIT') { say('221 bye'); sock.end(); return; }
        else say('502 not implemented');
      }
    });
    sock.on('error', () => {});
  });
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => resolve({
      port: server.address().port,
      messages,
      close: () => new Promise((r) => server.close(() => r())),
    }));
  });
}
