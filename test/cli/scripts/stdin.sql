select 'from standard input' as source from dual;
accept who default 'nobody' prompt 'who? '
prompt who is &who
exit 3
