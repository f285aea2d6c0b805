# Makefile
#	Build, install and test gipreport with PGXS.
#
#	make && sudo make install          build and install into pg_config's tree
#	make installcheck                  pg_regress against a running server
#	make PG_CFLAGS=-Werror             what CI does (no warnings allowed)
#	make with_llvm=no                  skip the LLVM bitcode (JIT inlining)
#
# Sources are picked up by wildcard: every .c under src/core (the parser
# core, no PostgreSQL headers) and src/pg (the fmgr glue).  The install
# script of the current version, sql/gipreport--$(EXTVERSION).sql, is
# generated from the master SQL source sql/master/NN_*.sql (concatenated in
# name order); every other sql/gipreport--*.sql is an upgrade script or
# the install script of 0.1.0, the start of the upgrade chain; every other
# sql/*.sql is a regression test with its expected/<name>.out.

EXTENSION = gipreport
# the version being built is the control file's default_version
EXTVERSION := $(shell sed -n "s/^default_version[ \t]*=[ \t]*'\([^']*\)'.*/\1/p" $(EXTENSION).control)
MODULE_big = gipreport
PGFILEDESC = "gipreport - parse government information disclosure annual reports"

SRCS = $(sort $(wildcard src/core/*.c) $(wildcard src/pg/*.c))
OBJS = $(SRCS:.c=.o)

MASTER_SQL = $(sort $(wildcard sql/master/[0-9]*.sql))
DATA_built = sql/$(EXTENSION)--$(EXTVERSION).sql
DATA = $(filter-out $(DATA_built),$(sort $(wildcard sql/$(EXTENSION)--*.sql)))

TESTS = $(sort $(filter-out sql/$(EXTENSION)--%.sql,$(wildcard sql/*.sql)))
REGRESS = $(patsubst sql/%.sql,%,$(TESTS))
ENCODING = UTF8
NO_LOCALE = 1

# ICU: prefer pkg-config, fall back to the older icu-config.
ICU_LIBS_LOCAL := $(shell pkg-config --libs icu-uc icu-i18n 2>/dev/null || icu-config --ldflags-libsonly 2>/dev/null)
ICU_CFLAGS_LOCAL := $(shell pkg-config --cflags icu-uc icu-i18n 2>/dev/null)
# libxml2 reads web pages (the server links it too; Debian: libxml2-dev).
XML_LIBS_LOCAL := $(shell pkg-config --libs libxml-2.0 2>/dev/null || xml2-config --libs 2>/dev/null)
XML_CFLAGS_LOCAL := $(shell pkg-config --cflags libxml-2.0 2>/dev/null || xml2-config --cflags 2>/dev/null)
# libzip opens .docx archives (Debian: libzip-dev).
ZIP_LIBS_LOCAL := $(shell pkg-config --libs libzip 2>/dev/null || echo -lzip)
ZIP_CFLAGS_LOCAL := $(shell pkg-config --cflags libzip 2>/dev/null)
PG_CPPFLAGS += -I$(CURDIR)/src/core -I$(CURDIR)/src/pg $(ICU_CFLAGS_LOCAL) $(XML_CFLAGS_LOCAL) $(ZIP_CFLAGS_LOCAL)
SHLIB_LINK += $(ICU_LIBS_LOCAL) $(XML_LIBS_LOCAL) $(ZIP_LIBS_LOCAL)

EXTRA_CLEAN = results regression.diffs regression.out

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)

# The server may have been built with LLVM (Debian's is), in which case
# PGXS also wants to emit bitcode with the clang it was configured with
# (clang-14 on Debian 12).  When that clang is not installed, skip the
# bitcode instead of failing; JIT then simply does not inline our code.
PG_CLANG := $(shell sed -n 's/^CLANG[ \t]*=[ \t]*//p' $(dir $(PGXS))../Makefile.global 2>/dev/null)
ifneq ($(PG_CLANG),)
ifeq ($(shell command -v $(PG_CLANG) 2>/dev/null),)
override with_llvm = no
endif
endif

include $(PGXS)

# Speed: the parser core is called only from inside the library, so its
# symbols are hidden (direct calls, no PLT; the compiler may inline them),
# and the whole library is optimised at link time across files.  Set
# GIP_LTO=no to build without -flto.
src/core/%.o: override CFLAGS += -fvisibility=hidden
ifneq ($(GIP_LTO),no)
override CFLAGS += -flto=auto
endif

# Every object is built again when a header of the core or the glue
# changes (PGXS tracks no header dependencies unless the server was
# configured with --enable-depend): a struct that grows in a header must not
# leave objects behind that still know its old size.
$(OBJS): $(wildcard src/core/*.h src/pg/*.h)

# the install script of this version, from the master SQL source
sql/$(EXTENSION)--$(EXTVERSION).sql: $(MASTER_SQL) $(EXTENSION).control
	cat $(MASTER_SQL) > $@.tmp && mv $@.tmp $@

# the extension's own messages in other languages (po/*.po)
include $(CURDIR)/po/nls.mk

.PHONY: dist
dist:
	mkdir -p dist
	git archive --format=tar.gz --prefix=$(EXTENSION)-$(EXTVERSION)/ \
		--output=dist/$(EXTENSION)-$(EXTVERSION).tar.gz HEAD

# -- gip_load, the client that loads a folder of report files -------------
# src/bin/gip_load has its own PGXS Makefile (PROGRAM with libpq); its
# sources are outside src/core and src/pg, so SRCS above does not see them.
.PHONY: gip_load-all gip_load-install gip_load-clean gip_load-uninstall
all: gip_load-all
install: gip_load-install
clean: gip_load-clean
uninstall: gip_load-uninstall
gip_load-all gip_load-install gip_load-clean gip_load-uninstall: gip_load-%:
	$(MAKE) -C src/bin/gip_load PG_CONFIG=$(PG_CONFIG) $*
