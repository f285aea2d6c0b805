/*-------------------------------------------------------------------------
 *
 * walk.c
 *		Find the files to load: every path given on the command line, a
 *		directory walked recursively with its entries in sorted (byte) order
 *		so that a run is repeatable; hidden entries (".git", ".DS_Store")
 *		are left out, and symbolic links to directories are not followed
 *		(no loops).  Each file is classified by its name's extension.
 *
 *-------------------------------------------------------------------------
 */
#include "gip_load.h"

#include <dirent.h>
#include <sys/stat.h>

/* extensions sent as bytes (the server detects the encoding, reads DOCX) */
static const char *const bytes_extensions[] = {
	"html", "htm", "shtml", "txt", "md", "docx", NULL
};

/* Classify a file by its extension (case-insensitive). */
FileKind
file_kind(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	const char *dot = strrchr(base, '.');
	int			i;

	if (dot == NULL || dot == base)
		return KIND_OTHER;
	dot++;
	if (pg_strcasecmp(dot, "pdf") == 0)
		return KIND_PDF;
	for (i = 0; bytes_extensions[i] != NULL; i++)
		if (pg_strcasecmp(dot, bytes_extensions[i]) == 0)
			return KIND_BYTES;
	return KIND_OTHER;
}

/* Append a file to the list; returns the new entry. */
static LoadFile *
add_file(FileList *list, const char *path)
{
	LoadFile   *f;

	if (list->n == list->cap)
	{
		list->cap = list->cap ? list->cap * 2 : 256;
		list->files = pg_realloc(list->files, sizeof(LoadFile) * list->cap);
	}
	f = &list->files[list->n++];
	memset(f, 0, sizeof(LoadFile));
	f->path = pg_strdup(path);
	f->kind = file_kind(path);
	f->outcome = OUT_PENDING;
	return f;
}

/* qsort comparator of names: byte order */
static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

/* Join a directory and a name into a new path. */
static char *
join_path(const char *dir, const char *name)
{
	size_t		dl = strlen(dir);

	if (dl > 0 && dir[dl - 1] == '/')
		return psprintf("%s%s", dir, name);
	return psprintf("%s/%s", dir, name);
}

/*
 * Walk one directory: its entries sorted, subdirectories recursed into.
 * An unreadable directory becomes a skipped entry with the reason.
 */
static void
walk_dir(const char *dir, FileList *list)
{
	DIR		   *d;
	struct dirent *de;
	char	  **names = NULL;
	int			n = 0,
				cap = 0,
				i;

	d = opendir(dir);
	if (d == NULL)
	{
		LoadFile   *f = add_file(list, dir);

		f->kind = KIND_OTHER;
		f->outcome = OUT_SKIPPED;
		f->failed = true;
		f->reason = psprintf(_("could not open directory: %s"), strerror(errno));
		return;
	}
	while ((de = readdir(d)) != NULL)
	{
		if (de->d_name[0] == '.')
			continue;			/* ".", "..", hidden files */
		if (n == cap)
		{
			cap = cap ? cap * 2 : 64;
			names = pg_realloc(names, sizeof(char *) * cap);
		}
		names[n++] = pg_strdup(de->d_name);
	}
	closedir(d);
	if (n > 1)
		qsort(names, n, sizeof(char *), cmp_names);

	for (i = 0; i < n; i++)
	{
		char	   *path = join_path(dir, names[i]);
		struct stat st;

		if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
		{
			/* a link: follow it to a file, never to a directory */
			if (stat(path, &st) != 0 || S_ISDIR(st.st_mode))
			{
				pfree(path);
				pg_free(names[i]);
				continue;
			}
		}
		if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
			walk_dir(path, list);
		else if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
			add_file(list, path);
		pfree(path);
		pg_free(names[i]);
	}
	pg_free(names);
}

/*
 * Collect the files under the paths given.  A path that does not exist is
 * a usage error: reported, and false returned.
 */
bool
walk_paths(char **paths, int npaths, FileList *list)
{
	int			i;
	bool		ok = true;

	for (i = 0; i < npaths; i++)
	{
		struct stat st;

		if (stat(paths[i], &st) != 0)
		{
			pg_log_error("could not access \"%s\": %m", paths[i]);
			ok = false;
		}
		else if (S_ISDIR(st.st_mode))
			walk_dir(paths[i], list);
		else
			add_file(list, paths[i]);
	}
	return ok;
}
