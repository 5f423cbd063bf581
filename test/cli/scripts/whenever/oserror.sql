whenever oserror exit 9
@@no_such_file
prompt not reached
