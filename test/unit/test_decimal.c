/*
 * test_decimal.c
 *		Unit test of decimal formatting (gip_decimal_format in fold.c):
 *		mant / 10^scale as text, without trailing zeros of the fraction.
 */
#include "unit.h"

/* The text of mant / 10^scale. */
static const char *
fmt(int64_t mant, int scale)
{
	static char buf[64];
	GipDecimal	d;
	int			len;

	d.mant = mant;
	d.scale = scale;
	len = gip_decimal_format(d, buf);
	if (len != (int) strlen(buf))
		return "(wrong length)";
	return buf;
}

int
main(void)
{
	CHECK_STR(fmt(0, 0), "0");
	CHECK_STR(fmt(7, 0), "7");
	CHECK_STR(fmt(337, 0), "337");
	CHECK_STR(fmt(-5, 0), "-5");
	CHECK_STR(fmt(125, 1), "12.5");
	CHECK_STR(fmt(-125, 1), "-12.5");
	CHECK_STR(fmt(5, 2), "0.05");
	CHECK_STR(fmt(-5, 3), "-0.005");
	CHECK_STR(fmt(1200, 2), "12");		/* trailing zeros dropped */
	CHECK_STR(fmt(1250, 2), "12.5");
	CHECK_STR(fmt(0, 3), "0");
	CHECK_STR(fmt(100, 0), "100");		/* but not those of an integer */
	CHECK_STR(fmt(INT64_C(123456789012345678), 0), "123456789012345678");
	CHECK_STR(fmt(INT64_MAX, 0), "9223372036854775807");
	CHECK_STR(fmt(INT64_MIN, 0), "-9223372036854775808");
	CHECK_STR(fmt(INT64_MIN, 18), "-9.223372036854775808");
	UNIT_DONE();
}
