// Warms ANTLR's prediction caches. They live for the whole process, so a
// parse done in the postmaster (shared_preload_libraries) is inherited by
// every backend, whose first compile then skips most full-LL prediction.
#include "plpolar/parser/parser.hpp"

namespace plpolar::parser {

namespace {

// One of each construct, so that most grammar decisions get a DFA path.
const char *const kWarmUpBody = R"(
<<outer_block>>
DECLARE
  v_count  NUMBER := 0;
  v_name   VARCHAR2(64) NOT NULL := 'x';
  c_max    CONSTANT PLS_INTEGER := 10;
  v_other  users.name%TYPE;
  v_when   DATE DEFAULT DATE '2024-01-01';
  v_ts     timestamp with time zone := now();
  v_arr    int[] := '{1,2}';
  v_flag   BOOLEAN := TRUE;
  e_custom EXCEPTION;
  PRAGMA EXCEPTION_INIT(e_custom, -20001);
  TYPE rec_t IS RECORD (a NUMBER := 0, b VARCHAR2(10) NOT NULL := 'b');
  TYPE cur_t IS REF CURSOR RETURN users%ROWTYPE;
  CURSOR c_users(p_id NUMBER DEFAULT 1) IS SELECT * FROM users WHERE id = p_id;
  r_user   c_users%ROWTYPE;
  v_rc     SYS_REFCURSOR;
BEGIN
  CASE v_count WHEN 1 THEN v_name := 'one'; WHEN 2 THEN NULL; ELSE v_name := CASE WHEN v_flag THEN 'y' END; END CASE;
  OPEN c_users(p_id => 2);
  FETCH c_users INTO r_user;
  EXIT WHEN c_users%NOTFOUND OR c_users%ROWCOUNT > 1;
  CLOSE c_users;
  FOR r IN c_users(3) LOOP v_name := r.name; END LOOP;
  FOR r IN (SELECT id FROM users) LOOP r_user.id := r.id; END LOOP;
  OPEN v_rc FOR 'SELECT :1' USING v_count;
  EXECUTE IMMEDIATE 'UPDATE t SET a = :1 RETURNING a INTO :2' USING v_count, OUT v_count;
  EXECUTE IMMEDIATE v_name INTO v_count USING IN OUT v_name;
  INSERT INTO users VALUES r_user;
  RAISE_APPLICATION_ERROR(-20001, 'x' || SQLERRM, TRUE);
  v_count := v_count + 1 * 2 - 3 / 4 ** 2 || 'a';
  v_flag := v_count BETWEEN 1 AND 2 AND v_name LIKE 'a%' ESCAPE '!' OR v_count IN (1, 2, 3)
            OR NOT v_name IS NULL AND v_count <> 1 AND v_count != 2 AND v_count <= 3 AND v_count >= 4;
  v_name := upper(v_name) || pkg.fn(a => 1, 2) || CAST(v_count AS VARCHAR2(10)) || v_count::text || -v_count;
  IF v_count > c_max THEN
    NULL;
  ELSIF v_count < 0 THEN
    RETURN;
  ELSE
    v_count := SQL%ROWCOUNT;
  END IF;
  <<l>>
  FOR i IN REVERSE 1..10 LOOP
    EXIT l WHEN i < 2;
    CONTINUE WHEN i = 5;
  END LOOP l;
  WHILE v_count < 10 LOOP
    v_count := v_count + 1;
  END LOOP;
  LOOP
    EXIT;
  END LOOP;
  SELECT count(*), max(a) INTO v_count, v_name FROM t WHERE b = v_name;
  INSERT INTO t (a, b) VALUES (v_count, v_name);
  UPDATE t SET a = a + 1 WHERE b = v_name;
  DELETE FROM t WHERE a = v_count;
  dbms_output.put_line('x');
  DECLARE
    inner_v PLS_INTEGER := 1;
  BEGIN
    inner_v := inner_v + outer_block.v_count;
  END;
  RETURN v_count;
EXCEPTION
  WHEN no_data_found OR SQLSTATE '22012' THEN
    RAISE;
  WHEN OTHERS THEN
    RAISE e_custom;
END outer_block;
)";

}  // namespace

bool WarmUp() {
    try {
        ParseBody(kWarmUpBody);
        return true;
    } catch (const std::exception &) {
        return false;  // only leaves the caches cold
    }
}

}  // namespace plpolar::parser
