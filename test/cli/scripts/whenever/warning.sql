whenever sqlerror exit warning
begin raise_application_error(-20001, 'warn'); end;
/
