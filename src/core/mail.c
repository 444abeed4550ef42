/* mail.c - building and sending e-mail (see mail.h). */
#include <curl/curl.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/mail.h"
#include "text/vn.h"

int mail_address_valid(const char *addr)
{
	if (!addr)
		return 0;
	size_t n = strlen(addr);
	if (n < 3 || n > 254)
		return 0;
	const char *at = strchr(addr, '@');
	if (!at || at == addr || strchr(at + 1, '@') || at - addr > 64)
		return 0;
	const char *dom = at + 1;
	const char *dot = strrchr(dom, '.');
	if (!dot || dot == dom || !dot[1] || strstr(dom, ".."))
		return 0;
	for (const unsigned char *p = (const unsigned char *)addr; *p; p++)
		if (*p <= ' ' || *p >= 127 || strchr("\"<>(),;:\\[]", *p))
			return 0;
	return 1;
}

int mail_url_valid(const char *url)
{
	if (!url)
		return 0;
	const char *host = !strncmp(url, "smtp://", 7)    ? url + 7
	                   : !strncmp(url, "smtps://", 8) ? url + 8
	                                                  : NULL;
	if (!host || !*host || *host == '/' || *host == ':' || strlen(url) > 512)
		return 0;
	for (const unsigned char *p = (const unsigned char *)url; *p; p++)
		if (*p <= ' ' || *p >= 127)
			return 0;
	return 1;
}

static tt_rc add_b64(tt_buf *out, const char *s, size_t n)
{
	char tmp[128]; /* callers pass at most 57 bytes: 76 characters */
	if (sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL) > sizeof tmp)
		return TT_ERR_INVALID;
	sodium_bin2base64(tmp, sizeof tmp, (const unsigned char *)s, n, sodium_base64_VARIANT_ORIGINAL);
	return buf_adds(out, tmp);
}

/* The subject as RFC 2047 encoded words of at most 45 bytes of UTF-8 each,
 * never splitting a character. */
static tt_rc add_subject(tt_buf *out, const char *s)
{
	tt_rc rc = buf_adds(out, "Subject:");
	size_t n = strlen(s), i = 0;
	while (!rc && i < n) {
		size_t take = n - i > 45 ? 45 : n - i;
		while (take < n - i && take > 0 && ((unsigned char)s[i + take] & 0xC0) == 0x80)
			take--;
		if (!(rc = buf_adds(out, " =?UTF-8?B?")) && !(rc = add_b64(out, s + i, take)))
			rc = buf_adds(out, "?=\r\n");
		if (!rc && i + take < n)
			rc = buf_adds(out, " "); /* folding: the next word continues the header */
		i += take;
	}
	if (!rc && !n)
		rc = buf_adds(out, " \r\n");
	return rc;
}

tt_rc mail_build(tt_buf *out, const char *from, const char *to, const char *subject, const char *body,
                 time_t date)
{
	if (!mail_address_valid(from) || !mail_address_valid(to))
		return TT_ERR_INVALID;
	if (vn_utf8_validate(subject, strlen(subject), NULL) || vn_utf8_validate(body, strlen(body), NULL))
		return TT_ERR_UTF8;
	/* A subject is one line. */
	if (strpbrk(subject, "\r\n"))
		return TT_ERR_INVALID;
	char when[64];
	struct tm tm;
	gmtime_r(&date, &tm);
	strftime(when, sizeof when, "%a, %d %b %Y %H:%M:%S +0000", &tm);
	unsigned char rnd[12];
	randombytes_buf(rnd, sizeof rnd);
	char hex[25];
	sodium_bin2hex(hex, sizeof hex, rnd, sizeof rnd);
	const char *domain = strchr(from, '@') + 1;
	tt_rc rc = buf_printf(out,
	                      "Date: %s\r\nFrom: <%s>\r\nTo: <%s>\r\nMessage-ID: <%s.%lld@%s>\r\n"
	                      "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
	                      "Content-Transfer-Encoding: base64\r\n",
	                      when, from, to, hex, (long long)date, domain);
	if (!rc)
		rc = add_subject(out, subject);
	if (!rc)
		rc = buf_adds(out, "\r\n");
	size_t n = strlen(body);
	for (size_t i = 0; !rc && i < n; i += 57) {
		if (!(rc = add_b64(out, body + i, n - i > 57 ? 57 : n - i)))
			rc = buf_adds(out, "\r\n");
	}
	return rc;
}

typedef struct {
	const tt_buf *msg;
	size_t pos;
} reader;

static size_t read_cb(char *ptr, size_t size, size_t nmemb, void *ud)
{
	reader *r = ud;
	size_t room = size * nmemb, left = r->msg->len - r->pos;
	size_t n = left < room ? left : room;
	memcpy(ptr, r->msg->data + r->pos, n);
	r->pos += n;
	return n;
}

tt_rc mail_send(const char *smtp_url, const char *from, const char *to, const tt_buf *msg, char why[256])
{
	why[0] = '\0';
	if (!mail_url_valid(smtp_url) || !mail_address_valid(from) || !mail_address_valid(to)) {
		snprintf(why, 256, "bad smtp_url or address");
		return TT_ERR_INVALID;
	}
	CURL *c = curl_easy_init();
	if (!c)
		return TT_ERR_NOMEM;
	char fromb[260], tob[260];
	snprintf(fromb, sizeof fromb, "<%s>", from);
	snprintf(tob, sizeof tob, "<%s>", to);
	struct curl_slist *rcpt = curl_slist_append(NULL, tob);
	reader r = {msg, 0};
	char errbuf[CURL_ERROR_SIZE] = "";
	curl_easy_setopt(c, CURLOPT_URL, smtp_url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, fromb);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(c, CURLOPT_READDATA, &r);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 15L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
	CURLcode cc = rcpt ? curl_easy_perform(c) : CURLE_OUT_OF_MEMORY;
	tt_rc rc = TT_OK;
	if (cc != CURLE_OK) {
		snprintf(why, 256, "%s", errbuf[0] ? errbuf : curl_easy_strerror(cc));
		rc = TT_ERR_IO;
	}
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(c);
	return rc;
}
