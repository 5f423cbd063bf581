define rc = 5
whenever sqlerror exit rc
select * from nosuch_table;
