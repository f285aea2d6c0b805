/*
 * sql/master/00_header.sql
 *		Start of the install script of the current version of gipreport.
 *
 *		The install script sql/gipreport--<version>.sql (version from
 *		gipreport.control) is generated: the Makefile concatenates
 *		the files of sql/master in name order.  Edit these files, never the
 *		generated script; every change also goes into the upgrade script
 *		from the previous version, and test/t/002_upgrade.pl compares a
 *		fresh install with the chain of upgrades object by object.
 */

\echo Use "CREATE EXTENSION gipreport" to load this file. \quit

