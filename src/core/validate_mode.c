/*
 * validate_mode.c
 *		What an uncertain finding does to a report's validity: the modes
 *		lenient, strict and zeros of gip_is_valid(report, mode),
 *		gip_enforce() and gipreport.on_uncertain (gip_validate.h).
 *
 * Pure C like the rest of the core; the PostgreSQL side maps the setting
 * and the SQL argument onto GipUncertainMode (src/pg/validate_guc.c).
 */
#include "gip_validate.h"

#include <string.h>

/* Does finding f make its report invalid under mode? */
bool
gip_finding_refuses(const GipFinding *f, GipUncertainMode mode)
{
	if (strcmp(f->severity, "error") != 0)
		return false;
	if (strcmp(f->status, "fail") == 0)
		return true;
	switch (mode)
	{
		case GIP_UNCERTAIN_LENIENT:
			return false;
		case GIP_UNCERTAIN_STRICT:
			return true;
		case GIP_UNCERTAIN_ZEROS:
			return f->holds == NULL || strcmp(f->holds, "holds") != 0;
	}
	return true;
}

/* Does any of the n findings make the report invalid under mode? */
bool
gip_findings_refuse(const GipFinding *findings, int n, GipUncertainMode mode)
{
	for (int i = 0; i < n; i++)
		if (gip_finding_refuses(&findings[i], mode))
			return true;
	return false;
}

/* The mode named name; false when there is none of that name. */
bool
gip_uncertain_mode_by_name(const char *name, GipUncertainMode *mode)
{
	static const struct
	{
		const char *name;
		GipUncertainMode mode;
	}			modes[] = {
		{"lenient", GIP_UNCERTAIN_LENIENT},
		{"strict", GIP_UNCERTAIN_STRICT},
		{"zeros", GIP_UNCERTAIN_ZEROS},
	};

	for (int i = 0; i < (int) (sizeof(modes) / sizeof(modes[0])); i++)
		if (strcmp(name, modes[i].name) == 0)
		{
			*mode = modes[i].mode;
			return true;
		}
	return false;
}
