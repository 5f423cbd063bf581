// PRAGMA AUTONOMOUS_TRANSACTION: the C side (src/autonomous) behind the guard.
#include "plpolar/pg/autonomous.hpp"

#include "plpolar/autonomous/autonomous.h"
#include "plpolar/pg/guard.hpp"
#include "plpolar/pg/packages.hpp"

extern "C" {
#include "access/htup_details.h"
#include "catalog/namespace.h"
#include "catalog/pg_proc.h"
#include "utils/catcache.h"
#include "utils/syscache.h"
}

namespace plpolar::pg {

Datum AutonomousCall(FunctionCallInfo fcinfo, MemoryContext result_context, bool *isnull) {
    return Guarded(
        [fcinfo, result_context, isnull] { return plpolar_autonomous_call(fcinfo, result_context, isnull); });
}

std::vector<Value> AutonomousCallRoutine(Oid fn_oid, const std::vector<Value> &args, MemoryContext result_context) {
    std::vector<Datum> datums(args.size() + 1);
    std::vector<char> nulls(args.size() + 1);
    for (size_t i = 0; i < args.size(); ++i) {
        datums[i] = args[i].datum;
        nulls[i] = args[i].isnull;
    }
    constexpr int kMax = FUNC_MAX_ARGS;
    std::vector<Datum> fields(kMax);
    std::vector<char> field_nulls(kMax);
    const Datum *d = datums.data();
    const bool *n = reinterpret_cast<const bool *>(nulls.data());
    Datum *f = fields.data();
    bool *fn = reinterpret_cast<bool *>(field_nulls.data());
    int nargs = static_cast<int>(args.size());
    int count = Guarded([fn_oid, nargs, d, n, result_context, f, fn] {
        return plpolar_autonomous_call_oid(fn_oid, nargs, d, n, result_context, f, fn, kMax);
    });
    std::vector<Value> out;
    for (int i = 0; i < count; ++i) out.push_back(Value{fields[static_cast<size_t>(i)], fn[i] != 0, InvalidOid, -1});
    return out;
}

Oid PackageRoutine(const std::string &schema, const std::string &name, int nargs) {
    int matches = 0;
    Oid found = UniqueRoutine(schema, name, nargs, &matches);
    if (matches == 0)
        Raise(ERRCODE_UNDEFINED_FUNCTION, "the routine of package subprogram " + schema + "." + name + " is missing",
              "Replace the package through plpolar.exec.");
    if (matches > 1)
        Raise(ERRCODE_FEATURE_NOT_SUPPORTED,
              "the autonomous subprogram " + schema + "." + name +
                  " is overloaded with as many parameters: called from inside its package that is not supported yet");
    return found;
}

Datum AutonomousTrigger(FunctionCallInfo fcinfo, MemoryContext result_context) {
    return Guarded([fcinfo, result_context] { return plpolar_autonomous_trigger(fcinfo, result_context); });
}

void AutonomousEvent(FunctionCallInfo fcinfo) {
    Guarded([fcinfo] { plpolar_autonomous_event(fcinfo); });
}

bool AutonomousTriggerNonatomic() { return plpolar_autonomous_trigger_nonatomic(); }

void AutonomousBlock(const char *source) {
    Guarded([source] { plpolar_autonomous_block(source); });
}

bool AutonomousRunHere(Oid fn_oid) { return plpolar_autonomous_run_here(fn_oid); }

bool AutonomousDispatchPending() { return plpolar_autonomous_dispatch_pending(); }

void AutonomousDispatch() {
    Guarded([] { plpolar_autonomous_dispatch(); });
}

}  // namespace plpolar::pg
