/*
 * print.h - personnel orders printed to files: the plain text as a UTF-8
 * text file, or laid out on A4 pages as a PDF with an embedded DejaVu Sans
 * (Latin, Cyrillic and the Kazakh letters).  Both replace the file in one
 * step: a reader sees the old file or the whole new one, never a part.
 */
#ifndef HRMIS_PRINT_H
#define HRMIS_PRINT_H

#include <stddef.h>

/* The directory with DejaVuSans.ttf and DejaVuSans-Bold.ttf, unless the
 * environment variable HRMIS_PDF_FONT_DIR names another. */
#define PRINT_FONT_DIR "/usr/share/fonts/truetype/dejavu"

/*
 * Writes `text` as it is to `path` with mode 0600, through a temporary
 * file in the same directory that is synced and renamed over `path`.
 * Returns 0, or -1 with one sentence naming the path and the reason in
 * `err` (when err is not NULL); no temporary file is left behind then.
 */
int print_text_file(const char *path, const char *text, char *err, size_t errlen);

/*
 * Writes `text` (UTF-8, lines separated by '\n') as an A4 PDF to `path`,
 * replaced as print_text_file() does, mode 0600.  `title` (NULL or "" for
 * none) is set bold and centred at the top of page 1; long lines wrap at
 * spaces, or anywhere between characters when a word is wider than the
 * page; each page ends with "Page N of M".  A character the font has no
 * glyph for (Hangul, emoji) and invalid UTF-8 print as '?', a tab as a
 * space.  Returns 0, or -1 with one sentence in `err`: a missing font file
 * (named with the package that provides it), a font the PDF library
 * refuses, or the path that cannot be written.
 */
int print_pdf(const char *path, const char *title, const char *text, char *err, size_t errlen);

#endif
