/* api/token.c: reading a bearer token from a file.  The token is a
 * password: a file that others may read is refused rather than used, so
 * that a mistake is fixed before the token leaks further. */
#include "api.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "http.h"

bool
api_header_word_ok(const char *s, size_t max)
{
	size_t n = 0;

	if (s == NULL)
		return false;
	for (; s[n]; n++)
		if ((unsigned char)s[n] <= 0x20 || (unsigned char)s[n] >= 0x7f)
			return false;
	return n > 0 && n <= max;
}

void
url_escape(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' ||
		    *p == '_' || *p == '~') {
			buf_addc(b, (char)*p);
		} else {
			buf_addc(b, '%');
			buf_addc(b, hex[*p >> 4]);
			buf_addc(b, hex[*p & 15]);
		}
	}
}

int
api_read_token_file(const char *path, char **token, struct werr *e)
{
	char data[API_TOKEN_MAX + 2];
	struct stat sb;
	ssize_t n;
	size_t len;
	int fd;

	*token = NULL;
	/* O_NONBLOCK: a FIFO is refused below rather than waited on for
	 * ever (it means nothing to a regular file) */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return werr_field(e, errno == ENOENT ? WE_NOINPUT : WE_PERM,
		    "token-file", "%s: cannot open the token file: %s", path,
		    strerror(errno));
	if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return werr_field(e, WE_USAGE, "token-file", "%s: the token "
		    "file is not a regular file", path);
	}
	if (sb.st_mode & (S_IRWXG | S_IRWXO)) {
		close(fd);
		return werr_field(e, WE_PERM, "token-file", "%s: the token "
		    "file may be read by group or others (mode %04o); make it "
		    "yours alone with: chmod 600 %s", path,
		    (unsigned)(sb.st_mode & 07777), path);
	}
	n = read(fd, data, sizeof data - 1);
	close(fd);
	if (n < 0)
		return werr_field(e, WE_IO, "token-file", "%s: cannot read the "
		    "token file: %s", path, strerror(errno));
	len = (size_t)n;
	data[len] = '\0';
	/* One token on the first line; a trailing newline is expected. */
	while (len > 0 && (data[len - 1] == '\n' || data[len - 1] == '\r' ||
	    data[len - 1] == ' ' || data[len - 1] == '\t'))
		data[--len] = '\0';
	if (len == 0) {
		explicit_bzero(data, sizeof data);
		return werr_field(e, WE_INVALID, "token-file", "%s: the token "
		    "file is empty; put the token 'token create' printed in "
		    "it", path);
	}
	if (!api_header_word_ok(data, API_TOKEN_MAX)) {
		explicit_bzero(data, sizeof data);
		return werr_field(e, WE_INVALID, "token-file", "%s: the token "
		    "file does not hold one token (one line of at most %d "
		    "printable characters, no spaces)", path, API_TOKEN_MAX);
	}
	*token = xstrdup(data);
	explicit_bzero(data, sizeof data);
	return 0;
}
