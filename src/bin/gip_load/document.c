/*-------------------------------------------------------------------------
 *
 * document.c
 *		The bytes gip_load sends for one file, and their SHA-256.
 *
 *		Web pages, text and DOCX go as they are: the server detects the
 *		encoding and reads DOCX.  A PDF is converted with
 *		"pdftotext -layout -enc UTF-8 FILE -" (poppler-utils), run with
 *		posix_spawnp (safe from the loading threads) in a process group of
 *		its own (a Ctrl-C meant for gip_load does not kill it), and its text
 *		is sent;
 *		pdftotext's own message is kept when it rejects a file.  The hash,
 *		which the store keeps as content_hash and gip_known_hashes() looks
 *		up, is that of the bytes sent: OpenSSL's EVP SHA-256.
 *
 *-------------------------------------------------------------------------
 */
#include "gip_load.h"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <openssl/evp.h>

extern char **environ;

/* a report larger than this is not a report (the server's limit is 1 GB) */
#define MAX_DOCUMENT_BYTES	(256 * 1024 * 1024)

/* Append len bytes to a buffer. */
static void
bytebuf_append(ByteBuf *buf, const char *data, size_t len)
{
	if (buf->len + len + 1 > buf->cap)
	{
		size_t		cap = buf->cap ? buf->cap : 8192;

		while (buf->len + len + 1 > cap)
			cap *= 2;
		buf->data = pg_realloc(buf->data, cap);
		buf->cap = cap;
	}
	memcpy(buf->data + buf->len, data, len);
	buf->len += len;
	buf->data[buf->len] = '\0';
}

/* Free a buffer's storage. */
void
bytebuf_free(ByteBuf *buf)
{
	pg_free(buf->data);
	buf->data = NULL;
	buf->len = buf->cap = 0;
}

/* Read a whole file into a buffer; on failure *error says why. */
static bool
read_whole_file(const char *path, ByteBuf *out, char **error)
{
	int			fd;
	struct stat st;
	char		chunk[65536];
	ssize_t		got;

	fd = open(path, O_RDONLY);
	if (fd < 0)
	{
		*error = psprintf(_("could not open file: %s"), strerror(errno));
		return false;
	}
	if (fstat(fd, &st) == 0 && st.st_size > MAX_DOCUMENT_BYTES)
	{
		close(fd);
		*error = psprintf(_("file too large (%lld bytes)"), (long long) st.st_size);
		return false;
	}
	while ((got = read(fd, chunk, sizeof(chunk))) > 0)
	{
		bytebuf_append(out, chunk, (size_t) got);
		if (out->len > MAX_DOCUMENT_BYTES)
		{
			close(fd);
			*error = psprintf(_("file too large (%zu bytes)"), out->len);
			return false;
		}
	}
	if (got < 0)
	{
		*error = psprintf(_("could not read file: %s"), strerror(errno));
		close(fd);
		return false;
	}
	close(fd);
	if (out->data == NULL)
		bytebuf_append(out, "", 0);		/* an empty file: zero bytes */
	return true;
}

/* Is pdftotext on the PATH?  (looked up once) */
bool
pdftotext_available(void)
{
	static int	found = -1;
	const char *path_env;
	char	   *paths,
			   *dir,
			   *save = NULL;

	if (found >= 0)
		return found == 1;
	found = 0;
	path_env = getenv("PATH");
	if (path_env == NULL)
		return false;
	paths = pg_strdup(path_env);
	for (dir = strtok_r(paths, ":", &save); dir != NULL; dir = strtok_r(NULL, ":", &save))
	{
		char	   *candidate = psprintf("%s/pdftotext", *dir ? dir : ".");

		if (access(candidate, X_OK) == 0)
			found = 1;
		pfree(candidate);
		if (found)
			break;
	}
	pg_free(paths);
	return found == 1;
}

/* The first line of pdftotext's message, without its noise. */
static char *
first_line(const ByteBuf *err)
{
	const char *s = err->data ? err->data : "";
	size_t		n = strcspn(s, "\n");

	if (n == 0)
		return pg_strdup(_("no message"));
	return pnstrdup(s, n);
}

/*
 * Convert a PDF with pdftotext -layout -enc UTF-8 FILE -, its standard
 * output into out.  Reads both pipes with poll() so that a chatty stderr
 * cannot block the child.
 */
static bool
pdf_to_text(const char *path, ByteBuf *out, char **error)
{
	int			outpipe[2],
				errpipe[2];
	posix_spawn_file_actions_t actions;
	posix_spawnattr_t attr;
	pid_t		pid;
	char	   *argv[7];
	ByteBuf		errbuf = {0};
	struct pollfd fds[2];
	int			open_fds = 2;
	int			status;
	int			rc;

	if (pipe(outpipe) != 0)
	{
		*error = psprintf(_("could not create pipe: %s"), strerror(errno));
		return false;
	}
	if (pipe(errpipe) != 0)
	{
		*error = psprintf(_("could not create pipe: %s"), strerror(errno));
		close(outpipe[0]);
		close(outpipe[1]);
		return false;
	}
	posix_spawn_file_actions_init(&actions);
	posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&actions, outpipe[1], 1);
	posix_spawn_file_actions_adddup2(&actions, errpipe[1], 2);
	posix_spawn_file_actions_addclose(&actions, outpipe[0]);
	posix_spawn_file_actions_addclose(&actions, errpipe[0]);
	/* its own process group: a Ctrl-C at the terminal is for gip_load */
	posix_spawnattr_init(&attr);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
	posix_spawnattr_setpgroup(&attr, 0);
	argv[0] = "pdftotext";
	argv[1] = "-layout";
	argv[2] = "-enc";
	argv[3] = "UTF-8";
	argv[4] = (char *) path;
	argv[5] = "-";
	argv[6] = NULL;
	rc = posix_spawnp(&pid, "pdftotext", &actions, &attr, argv, environ);
	posix_spawn_file_actions_destroy(&actions);
	posix_spawnattr_destroy(&attr);
	close(outpipe[1]);
	close(errpipe[1]);
	if (rc != 0)
	{
		close(outpipe[0]);
		close(errpipe[0]);
		*error = psprintf(_("could not run pdftotext: %s"), strerror(rc));
		return false;
	}

	fds[0].fd = outpipe[0];
	fds[1].fd = errpipe[0];
	fds[0].events = fds[1].events = POLLIN;
	while (open_fds > 0)
	{
		int			i;

		if (poll(fds, 2, -1) < 0)
		{
			if (errno == EINTR)
				continue;
			break;
		}
		for (i = 0; i < 2; i++)
		{
			char		chunk[65536];
			ssize_t		got;

			if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			got = read(fds[i].fd, chunk, sizeof(chunk));
			if (got > 0 && (i == 1 || out->len + got <= MAX_DOCUMENT_BYTES))
				bytebuf_append(i == 0 ? out : &errbuf, chunk, (size_t) got);
			else if (got <= 0 && !(got < 0 && errno == EINTR))
			{
				close(fds[i].fd);
				fds[i].fd = -1;
				open_fds--;
			}
		}
	}
	for (rc = 0; rc < 2; rc++)
		if (fds[rc].fd >= 0)
			close(fds[rc].fd);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
	{
		char	   *msg = first_line(&errbuf);

		*error = psprintf(_("pdftotext could not read it: %s"), msg);
		pg_free(msg);
		bytebuf_free(&errbuf);
		return false;
	}
	bytebuf_free(&errbuf);
	if (out->data == NULL)
		bytebuf_append(out, "", 0);
	return true;
}

/*
 * The bytes to send for a file into out (empty on entry).  False, with
 * *error (allocated) saying why, when the file cannot be read or converted.
 */
bool
document_read(const LoadFile *file, ByteBuf *out, char **error)
{
	*error = NULL;
	if (file->kind == KIND_PDF)
	{
		if (!pdftotext_available())
		{
			*error = pg_strdup(_("pdftotext not found on the PATH: install poppler-utils to load PDF files"));
			return false;
		}
		return pdf_to_text(file->path, out, error);
	}
	return read_whole_file(file->path, out, error);
}

/* The SHA-256 of a document as 64 lower-case hex digits. */
bool
document_sha256_hex(const ByteBuf *doc, char hex[65])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	unsigned int i;
	static const char digits[] = "0123456789abcdef";

	if (EVP_Digest(doc->data ? doc->data : "", doc->len, md, &mdlen,
				   EVP_sha256(), NULL) != 1 || mdlen != 32)
		return false;
	for (i = 0; i < mdlen; i++)
	{
		hex[2 * i] = digits[md[i] >> 4];
		hex[2 * i + 1] = digits[md[i] & 15];
	}
	hex[64] = '\0';
	return true;
}
