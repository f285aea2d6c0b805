/*
 * gipreport--0.3.0--0.4.0.sql
 *		Upgrade of gipreport from 0.3.0 to 0.4.0.
 *
 *		Every object that sql/master/ creates or changes in 0.4.0 is created
 *		or changed here too; test/t/002_upgrade.pl compares a fresh install
 *		with the chain of upgrades from 0.1.0 object by object.
 */

\echo Use "ALTER EXTENSION gipreport UPDATE TO '0.4.0'" to load this file. \quit
