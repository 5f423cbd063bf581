-- plpolar 1.1 -> 1.2
\echo Use "ALTER EXTENSION plpolar UPDATE TO '1.2'" to load this file. \quit

-- Every object added or changed in 1.2 is created here exactly as
-- sql/plpolar--1.2.sql creates it (the regression test upgrade compares both).
