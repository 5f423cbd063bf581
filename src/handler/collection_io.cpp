// plpolar.collection's input and output functions. Collections are made by
// PL/polar code only (Oracle's local collection types are not SQL types
// either): the input function refuses text, so that no SQL user can forge
// the bytes the interpreter reads.
#include "plpolar/pg/collection.hpp"
#include "plpolar/pg/entry.hpp"

extern "C" {
#pragma GCC visibility push(default)
PG_FUNCTION_INFO_V1(plpolar_collection_in);
PG_FUNCTION_INFO_V1(plpolar_collection_out);

Datum plpolar_collection_in(PG_FUNCTION_ARGS) {
    return plpolar::pg::RunEntryPoint([]() -> Datum {
        plpolar::pg::Raise(ERRCODE_FEATURE_NOT_SUPPORTED, "a collection cannot be written as text",
                           "Collections are built in PL/polar code, with their type's constructor.");
    });
}

Datum plpolar_collection_out(PG_FUNCTION_ARGS) {
    Datum value = PG_GETARG_DATUM(0);
    return plpolar::pg::RunEntryPoint([value] {
        std::string text = plpolar::pg::CollectionText(value);
        return CStringGetDatum(plpolar::pg::Guarded([&text] { return pstrdup(text.c_str()); }));
    });
}

#pragma GCC visibility pop
}  // extern "C"
