/*
 * replay.c
 *		A plain main() over the libFuzzer harness test/fuzz/fuzz_parse.c, so
 *		that the same exercise of the parser core (parse, serialise, decode
 *		again, validate) runs under valgrind on ordinary files.
 *
 *	replay --text FILE...    each file through gip_parse_text
 *	replay --bytes FILE...   each file through gip_parse_bytes
 *
 * The harness aborts when a round trip lies; a parse error is not a
 * failure here (valgrind's exit code is what test/valgrind/run.sh checks).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Read a file into a malloc'd buffer after one selector byte. */
static uint8_t *
read_with_selector(const char *path, uint8_t selector, size_t *len_out)
{
	FILE	   *f = fopen(path, "rb");
	uint8_t    *buf;
	long		size;

	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 ||
		fseek(f, 0, SEEK_SET) != 0)
	{
		perror(path);
		if (f != NULL)
			fclose(f);
		return NULL;
	}
	buf = malloc((size_t) size + 1);
	if (buf == NULL || fread(buf + 1, 1, (size_t) size, f) != (size_t) size)
	{
		perror(path);
		free(buf);
		fclose(f);
		return NULL;
	}
	fclose(f);
	buf[0] = selector;
	*len_out = (size_t) size + 1;
	return buf;
}

int
main(int argc, char **argv)
{
	uint8_t		selector;
	int			rc = 0;

	if (argc < 3 || (strcmp(argv[1], "--text") != 0 && strcmp(argv[1], "--bytes") != 0))
	{
		fputs("usage: replay --text|--bytes FILE...\n", stderr);
		return 2;
	}
	selector = strcmp(argv[1], "--text") == 0 ? 0 : 1;
	for (int i = 2; i < argc; i++)
	{
		size_t		len;
		uint8_t    *data = read_with_selector(argv[i], selector, &len);

		if (data == NULL)
		{
			rc = 2;
			continue;
		}
		LLVMFuzzerTestOneInput(data, len);
		free(data);
	}
	return rc;
}
