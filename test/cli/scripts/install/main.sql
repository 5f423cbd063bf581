REM An installer: files that include files, relative to the script (@@)
REM and to the current directory (@), with arguments.
whenever sqlerror exit sql.sqlcode rollback
prompt installing into schema &1
@@sub/tables
@@sub/code.sql &1 v2
start install/sub/data
select count(*) as rows_loaded from inst_items;
exec inst_report
drop table inst_items;
drop procedure inst_report;
prompt done
exit success
