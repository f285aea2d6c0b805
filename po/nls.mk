# po/nls.mk
#	Native language support: the extension's own messages (its ereport
#	texts in src/pg and the error messages of the core in src/core) in a
#	text domain of their own, gipreport-<major>, translated in po/*.po.
#	Included by the Makefile after PGXS.
#
#	make                 also compiles po/<lang>.po into po/<lang>.mo
#	make install         installs them as
#	                     $(localedir)/<lang>/LC_MESSAGES/gipreport-15.mo
#	make update-po       re-extracts the messages (xgettext) into
#	                     po/gipreport.pot and merges them into po/*.po
#	make po-check        fails when a message has no translation
#
#	Without msgfmt (gettext) nothing is compiled or installed: the
#	messages stay English, as with a server built without NLS.

NLS_LANGUAGES = zh_CN
NLS_DOMAIN = $(EXTENSION)-$(MAJORVERSION)
NLS_MO = $(addprefix po/,$(addsuffix .mo,$(NLS_LANGUAGES)))
NLS_MSGFMT := $(shell command -v msgfmt 2>/dev/null)

# the text domain every ereport of the module uses: TEXTDOMAIN, defined as
# PG_TEXTDOMAIN("gipreport") in src/pg/gip_pg.h (after elog.h, which sets
# it to NULL, so not on the command line)

# the functions whose arguments are messages, as PostgreSQL's nls-global.mk
# has them, and the core's gip_error_set (message, detail)
NLS_TRIGGERS = errmsg errmsg_plural:1,2 errdetail errdetail_log \
	errdetail_plural:1,2 errhint errhint_plural:1,2 errcontext \
	gip_error_set:4 dgettext:2
NLS_FLAGS = errmsg:1:c-format errmsg_plural:1:c-format errmsg_plural:2:c-format \
	errdetail:1:c-format errdetail_log:1:c-format errdetail_plural:1:c-format \
	errdetail_plural:2:c-format errhint:1:c-format errhint_plural:1:c-format \
	errhint_plural:2:c-format errcontext:1:c-format

# the details of gip_error_set in a second pass (xgettext takes one
# argument per keyword and call)
NLS_CORE_DETAIL = gip_error_set:5

ifneq ($(NLS_MSGFMT),)
all: $(NLS_MO)
install: install-nls
uninstall: uninstall-nls
endif

po/%.mo: po/%.po
	$(NLS_MSGFMT) -c -o $@ $<

install-nls: $(NLS_MO)
	for lang in $(NLS_LANGUAGES); do \
		$(MKDIR_P) '$(DESTDIR)$(localedir)'/$$lang/LC_MESSAGES && \
		$(INSTALL_DATA) po/$$lang.mo '$(DESTDIR)$(localedir)'/$$lang/LC_MESSAGES/$(NLS_DOMAIN).mo || exit 1; \
	done

uninstall-nls:
	for lang in $(NLS_LANGUAGES); do \
		rm -f '$(DESTDIR)$(localedir)'/$$lang/LC_MESSAGES/$(NLS_DOMAIN).mo; \
	done

# extract the messages of the sources into the template $(1)
define nls_extract
	xgettext -o $(1) --from-code=UTF-8 -n --sort-by-file \
		--package-name=$(EXTENSION) -k $(addprefix -k,$(NLS_TRIGGERS)) \
		$(addprefix --flag=,$(NLS_FLAGS)) $(sort $(wildcard src/pg/*.c src/core/*.c))
	xgettext -j -o $(1) --from-code=UTF-8 -n --sort-by-file \
		-k -k$(NLS_CORE_DETAIL) $(sort $(wildcard src/core/*.c))
	@test -f $(1)
endef

update-po:
	$(call nls_extract,po/$(EXTENSION).pot)
	for lang in $(NLS_LANGUAGES); do \
		[ -f po/$$lang.po ] || msginit --no-translator -l $$lang.UTF-8 -i po/$(EXTENSION).pot -o po/$$lang.po || exit 1; \
		msgmerge --quiet --update --backup=none --no-fuzzy-matching po/$$lang.po po/$(EXTENSION).pot || exit 1; \
	done
	@for lang in $(NLS_LANGUAGES); do \
		printf '%s: ' po/$$lang.po; msgfmt --statistics -o /dev/null po/$$lang.po; \
	done

# fail when a message of the sources has no translation (msgcmp counts an
# untranslated entry as missing)
po-check:
	$(call nls_extract,po/$(EXTENSION)-check.pot)
	@for lang in $(NLS_LANGUAGES); do \
		msgcmp po/$$lang.po po/$(EXTENSION)-check.pot || { rm -f po/$(EXTENSION)-check.pot; \
			echo "po/$$lang.po lacks translations: make update-po, then translate" >&2; exit 1; }; \
	done
	@rm -f po/$(EXTENSION)-check.pot
	@echo "every message of the sources is translated in $(addprefix po/,$(addsuffix .po,$(NLS_LANGUAGES)))"

EXTRA_CLEAN += $(NLS_MO)

.PHONY: install-nls uninstall-nls update-po po-check
