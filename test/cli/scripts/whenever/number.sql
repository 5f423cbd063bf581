whenever sqlerror exit 7
select 1/0 from dual;
