/*-------------------------------------------------------------------------
 *
 * progress.c
 *		What a person sees while gip_load runs, on standard error.
 *
 *		On a terminal: one line redrawn in place (at most ten times a
 *		second): a bar, files done/total, files per second, time left, and
 *		the counts so far (stored, quarantined, not a report, skipped),
 *		cut to the terminal's width.  Not on a terminal (a log, CI): one
 *		line per file with its outcome, agency, year and report id, or the
 *		reason.  --quiet shows neither.  The loading threads call in here
 *		under one mutex; messages are printed above the bar.
 *
 *-------------------------------------------------------------------------
 */
#include "gip_load.h"

#include <pthread.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#define BAR_WIDTH	20

static pthread_mutex_t progress_lock = PTHREAD_MUTEX_INITIALIZER;
static bool on_tty;
static bool be_quiet;
static bool bar_shown;
static int	files_total;
static int	files_done;
static int	counts[OUT__COUNT];
static double started_at;
static double drawn_at;

/* Seconds on a monotonic clock. */
static double
now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The terminal's width in columns (80 when unknown). */
static int
terminal_columns(void)
{
	struct winsize ws;

	if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 10)
		return ws.ws_col;
	return 80;
}

/*
 * Length in bytes of the longest prefix of a UTF-8 string that fits in
 * cols columns (CJK and other wide characters take two).
 */
static size_t
fit_columns(const char *s, int cols)
{
	const unsigned char *p = (const unsigned char *) s;
	int			used = 0;

	while (*p)
	{
		int			len = 1,
					width = 1;
		unsigned int cp = *p;

		if (cp >= 0xF0)
			len = 4, width = 2;
		else if (cp >= 0xE0)
		{
			len = 3;
			cp = ((p[0] & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
			width = (cp >= 0x1100 && !(cp >= 0x2000 && cp < 0x2E80)) ? 2 : 1;
		}
		else if (cp >= 0xC0)
			len = 2;
		if (used + width > cols)
			break;
		used += width;
		while (len-- > 0 && *p)
			p++;
	}
	return (const char *) p - s;
}

/* Columns a UTF-8 string takes on a terminal. */
int
display_width(const char *s)
{
	const char *p = s;
	int			cols = 0;

	/* a prefix of one column more each time: cheap for short labels */
	while (*p)
	{
		size_t		n = fit_columns(p, 2);
		size_t		one = fit_columns(p, 1);

		if (one > 0)
		{
			cols += 1;
			p += one;
		}
		else if (n > 0)
		{
			cols += 2;
			p += n;
		}
		else
			p++;
	}
	return cols;
}

/* Format seconds as H:MM:SS or M:SS. */
static void
format_duration(double secs, char *buf, size_t size)
{
	long		s = (long) (secs + 0.5);

	if (s >= 3600)
		snprintf(buf, size, "%ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
	else
		snprintf(buf, size, "%ld:%02ld", s / 60, s % 60);
}

/* Draw the progress line (the lock is held). */
static void
draw_bar(void)
{
	char		line[1024];
	char		bar[BAR_WIDTH + 1];
	char		eta[32];
	double		elapsed = now_seconds() - started_at;
	double		rate = elapsed > 0 ? files_done / elapsed : 0;
	int			filled = files_total > 0 ? (int) ((double) files_done * BAR_WIDTH / files_total) : BAR_WIDTH;
	int			cols = terminal_columns();
	int			stored = counts[OUT_STORED] + counts[OUT_DUPLICATE] + counts[OUT_KNOWN];
	int			quarantined = counts[OUT_QUARANTINED] + counts[OUT_REFUSED];
	int			not_reports = counts[OUT_NOT_A_REPORT];
	int			skipped = counts[OUT_SKIPPED] + counts[OUT_ERROR] + counts[OUT_INTERRUPTED];
	int			i;

	for (i = 0; i < BAR_WIDTH; i++)
		bar[i] = i < filled ? '#' : '.';
	bar[BAR_WIDTH] = '\0';
	if (rate > 0 && files_done < files_total)
		format_duration((files_total - files_done) / rate, eta, sizeof(eta));
	else
		strlcpy(eta, "-", sizeof(eta));

	/* translator: the progress line on a terminal; the bar is the first %s */
	snprintf(line, sizeof(line), _("[%s] %d/%d files  %.1f files/s  left %s  stored %d  quarantined %d  not a report %d  skipped %d"),
			 bar, files_done, files_total, rate, eta, stored, quarantined,
			 not_reports, skipped);
	if (display_width(line) > cols - 1)
		/* translator: the same without the bar, for a narrow terminal */
		snprintf(line, sizeof(line), _("%d/%d  %.1f/s  left %s  stored %d  quarantined %d  not a report %d  skipped %d"),
				 files_done, files_total, rate, eta, stored, quarantined,
				 not_reports, skipped);
	line[fit_columns(line, cols - 1)] = '\0';
	fprintf(stderr, "\r%s\033[K", line);
	fflush(stderr);
	bar_shown = true;
	drawn_at = now_seconds();
}

/* Remove the progress line, if shown (also before a log message). */
void
progress_clear_line(void)
{
	if (bar_shown)
	{
		fputs("\r\033[K", stderr);
		bar_shown = false;
	}
}

/* Begin: total files, and whether to be quiet. */
void
progress_start(int total, bool quiet)
{
	on_tty = isatty(STDERR_FILENO);
	be_quiet = quiet;
	files_total = total;
	files_done = 0;
	memset(counts, 0, sizeof(counts));
	started_at = now_seconds();
	drawn_at = 0;
	if (on_tty && !be_quiet)
	{
		pthread_mutex_lock(&progress_lock);
		draw_bar();
		pthread_mutex_unlock(&progress_lock);
	}
}

/* Print one file's line (not on a terminal). */
static void
print_file_line(const LoadFile *f)
{
	if (f->outcome == OUT_STORED || f->outcome == OUT_DUPLICATE ||
		f->outcome == OUT_QUARANTINED)
	{
		char		year[16] = "?";

		if (f->year)
			snprintf(year, sizeof(year), "%d", f->year);
		if (f->report_id)
			/* translator: path: outcome (agency year, report id) */
			fprintf(stderr, _("%s: %s (%s %s, report %lld)\n"), f->path,
					outcome_label(f->outcome), f->agency ? f->agency : "?",
					year, f->report_id);
		else
			/* translator: path: outcome (agency year): reason */
			fprintf(stderr, _("%s: %s (%s %s): %s\n"), f->path,
					outcome_label(f->outcome), f->agency ? f->agency : "?",
					year, f->reason ? f->reason : "");
	}
	else if (f->reason)
		fprintf(stderr, "%s: %s: %s\n", f->path, outcome_label(f->outcome), f->reason);
	else
		fprintf(stderr, "%s: %s\n", f->path, outcome_label(f->outcome));
}

/* One more file is done: count it, redraw or print its line. */
void
progress_file_done(const LoadFile *file)
{
	pthread_mutex_lock(&progress_lock);
	files_done++;
	counts[file->outcome]++;
	if (!be_quiet)
	{
		if (on_tty)
		{
			if (files_done == files_total || now_seconds() - drawn_at >= 0.1)
				draw_bar();
		}
		else
			print_file_line(file);
	}
	pthread_mutex_unlock(&progress_lock);
}

/* A message for the person, above the progress line. */
void
progress_message(const char *fmt,...)
{
	va_list		ap;

	pthread_mutex_lock(&progress_lock);
	progress_clear_line();
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (on_tty && !be_quiet && files_total > 0)
		draw_bar();
	pthread_mutex_unlock(&progress_lock);
}

/* The end: the final state of the line stays, followed by a newline. */
void
progress_finish(void)
{
	pthread_mutex_lock(&progress_lock);
	if (on_tty && !be_quiet)
	{
		draw_bar();
		fputc('\n', stderr);
		bar_shown = false;
	}
	pthread_mutex_unlock(&progress_lock);
}
