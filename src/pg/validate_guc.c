/*
 * validate_guc.c
 *		The settings of validation: gipreport.on_invalid (error |
 *		quarantine), what the report store does with a report that breaks
 *		an error rule, and gipreport.on_uncertain (lenient | strict |
 *		zeros), whether an error rule undecided because of blanks does.
 *
 * gip_validate_init() should be called from _PG_init; the validation
 * functions also call it on first use, so that the setting exists even
 * when the module was loaded without it.
 */
#include "validate_pg.h"

#include "utils/builtins.h"
#include "utils/guc.h"

int			gip_on_invalid = GIP_ON_INVALID_ERROR;
int			gip_on_uncertain = GIP_UNCERTAIN_LENIENT;

static const struct config_enum_entry on_invalid_options[] = {
	{"error", GIP_ON_INVALID_ERROR, false},
	{"quarantine", GIP_ON_INVALID_QUARANTINE, false},
	{NULL, 0, false}
};

static const struct config_enum_entry on_uncertain_options[] = {
	{"lenient", GIP_UNCERTAIN_LENIENT, false},
	{"strict", GIP_UNCERTAIN_STRICT, false},
	{"zeros", GIP_UNCERTAIN_ZEROS, false},
	{NULL, 0, false}
};

/* Define gipreport.on_invalid and gipreport.on_uncertain once per backend. */
void
gip_validate_init(void)
{
	static bool done = false;

	if (done)
		return;
	done = true;
	DefineCustomEnumVariable("gipreport.on_invalid",
							 "What the gip_reports store does with a report that fails an error rule.",
							 "error refuses the row with SQLSTATE 23514; quarantine stores it in gip_rejected instead and skips the insert.",
							 &gip_on_invalid,
							 GIP_ON_INVALID_ERROR,
							 on_invalid_options,
							 PGC_USERSET,
							 0,
							 NULL, NULL, NULL);
	DefineCustomEnumVariable("gipreport.on_uncertain",
							 "Whether an error rule that blanks leave undecided makes a report invalid for the gip_reports store and gip_enforce().",
							 "lenient lets it pass; strict refuses it; zeros lets it pass only when the identity holds with the blank, placeholder and missing cells read as 0.",
							 &gip_on_uncertain,
							 GIP_UNCERTAIN_LENIENT,
							 on_uncertain_options,
							 PGC_USERSET,
							 0,
							 NULL, NULL, NULL);
}

/*
 * The mode named by an SQL argument: lenient, strict or zeros; a boolean
 * (true, off, ...) stands for strict or lenient, as the boolean argument
 * of gip_is_valid does, so that gip_is_valid(r, 'true') keeps its meaning
 * now that the literal resolves to the text form.  Anything else: 22023.
 */
GipUncertainMode
gip_uncertain_mode_arg(const char *name)
{
	GipUncertainMode mode;
	bool		strict;

	if (gip_uncertain_mode_by_name(name, &mode))
		return mode;
	if (parse_bool(name, &strict))
		return strict ? GIP_UNCERTAIN_STRICT : GIP_UNCERTAIN_LENIENT;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid mode for uncertain findings: \"%s\"", name),
			 errhint("The modes are lenient (uncertain passes), strict (uncertain fails) and zeros (uncertain passes when the identity holds with the blanks read as 0).")));
	return GIP_UNCERTAIN_LENIENT;	/* not reached */
}
