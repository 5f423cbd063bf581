create table inst_items (id number(5) primary key, name varchar2(30) not null, created date default sysdate);
comment on table inst_items is 'installed by &1';
