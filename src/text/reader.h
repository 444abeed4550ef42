/* reader.h - turning a document file into UTF-8 text for the parser.
 *
 * Formats: .txt (UTF-8, UTF-16 with a BOM, or the legacy TCVN3/VNI
 * encodings, converted and reported), .docx (docx.h), .pdf with a text layer
 * (pdftotext from poppler-utils), and .doc/.odt/.rtf converted to .docx by
 * LibreOffice (soffice) when it is installed. The format is chosen by the
 * file's leading bytes first and its extension second; a .doc/.rtf/.odt
 * that is really plain text is read as text, and one that is neither is
 * refused with TT_ERR_PARSE before any converter runs. Text taken out of a
 * document set in a legacy font (.VnTime, VNI-Times) is converted too, and
 * info->encoding names the encoding. Files over READER_MAX_FILE are refused
 * with TT_ERR_TOO_LARGE.
 *
 * Converters run without a shell inside a bubblewrap sandbox with no
 * network (see reader.c; TT_ERR_UNSUPPORTED when bwrap is missing unless
 * TTDN_NO_SANDBOX=1), in a process group of their own, with a
 * time limit (pdftotext 60 s, soffice 120 s; TTDN_CONVERT_TIMEOUT in the
 * environment sets both, in seconds); on expiry the whole group is killed
 * and TT_ERR_PARSE returned. soffice runs with a private, temporary profile
 * (-env:UserInstallation), so conversions can run side by side; the
 * profile and the converted file are deleted afterwards. */
#ifndef TT_READER_H
#define TT_READER_H

#include <stddef.h>

#include "base/buf.h"
#include "base/err.h"

#define READER_MAX_FILE ((size_t)50 << 20)

typedef struct {
	const char *format;   /* "txt", "docx", "pdf", "doc", ... (static) */
	const char *encoding; /* "utf-8", "utf-16le", "TCVN3", "VNI" (static) */
	size_t bad_offset;    /* TT_ERR_UTF8: offset of the first bad byte */
	int eight_bit;        /* TT_ERR_UTF8: a plain-text file in an 8-bit code page that
	                       * neither TCVN3 nor VNI reads as Vietnamese (refused, not
	                       * converted into nonsense) */
	char message[256];    /* what went wrong and what to do, English */
} reader_info;

/* Appends the text of the file at path to out (UTF-8, not yet NFC).
 * info may be NULL. */
tt_rc reader_read_file(const char *path, tt_buf *out, reader_info *info);

/* Decodes the bytes of a plain-text file (BOMs, UTF-16, legacy encodings)
 * and appends UTF-8 to out. */
tt_rc reader_decode_text(const char *s, size_t n, tt_buf *out, reader_info *info);

/* Converts n bytes of a document in format from ("docx") to format to
 * ("pdf") through LibreOffice, sandboxed and timed like the readers; out
 * gets the converted file (its cap applies). TT_ERR_UNSUPPORTED when
 * LibreOffice is not installed. */
tt_rc reader_convert(const char *data, size_t n, const char *from, const char *to, tt_buf *out,
                     reader_info *info);

#endif
