// Assignment and the targets values are stored into (:=, INTO, OUT
// arguments).
#include "compiler_impl.hpp"
#include "plpolar/pg/guard.hpp"

namespace plpolar::compile {

void Compiler::CompileAssign(ast::AssignStmt &s, const Scope &scope) {
    auto site = std::make_unique<StoreSite>();
    if (CompileElementTarget(s, scope, *site)) {
        CompileOwn(*s.value, scope, s);
        site->target.slot = s.slot;
        site->cast.target = site->element->type->shape.element;
        s.annotation = std::move(site);
        return;
    }
    site->target = MakeTarget(s.target, s.loc, scope);
    s.slot = site->target.slot;
    CompileOwn(*s.value, scope, s);
    if (site->target.package != nullptr) {
        // Another package's variable: stored through its instance.
        site->cast.target = site->target.package->field.empty() ? site->target.package->type : pg::TypeInfo{};
        s.annotation = std::move(site);
        return;
    }
    site->cast.target = fn_.variables[static_cast<size_t>(s.slot)].type;
    if (const CollectionType *target = fn_.variables[static_cast<size_t>(s.slot)].collection) {
        // Oracle's collection types match by name, not by shape: a value
        // known here to be of another type is PLS-00382 (values of unknown
        // type are checked by shape when they are stored).
        const CollectionType *value = StaticCollectionType(*s.value);
        if (value != nullptr && value != target &&
            (value->name != target->name ||
             !(value->shape.kind == target->shape.kind && value->shape.element.oid == target->shape.element.oid)))
            Error(s.loc,
                  "PLS-00382: expression is of wrong type: a value of collection type " + value->name +
                      " cannot be assigned to \"" + fn_.variables[static_cast<size_t>(s.slot)].name + "\" of type " +
                      target->name,
                  ERRCODE_DATATYPE_MISMATCH);
    }
    site->soft_errors = RunsNoUserCode(*s.value);
    site->append = IsSelfAppend(s, *site);
    s.annotation = std::move(site);
}

// s := s || x [|| y ...]: x, y cannot change s while they are evaluated
// (no user code), so appending them where s lies gives what
// concatenating would.
bool Compiler::IsSelfAppend(const ast::AssignStmt &s, const StoreSite &site) const {
    if (!site.target.field.empty()) return false;
    const ast::Expr *e = s.value.get();
    size_t parts = 0;
    while (e->kind == ast::ExprKind::Binary && ast::Cast<ast::BinaryExpr>(*e).op == ast::BinaryOp::Concat) {
        const auto &b = ast::Cast<ast::BinaryExpr>(*e);
        if (!RunsNoUserCode(*b.right) || ++parts > kMaxAppendParts) return false;
        e = b.left.get();
    }
    if (parts == 0 || e->kind != ast::ExprKind::Name) return false;
    const auto &left = ast::Cast<ast::NameExpr>(*e);
    if (left.slot != s.slot || left.field_ref || left.builtin != ast::Builtin::None) return false;
    Oid type = fn_.variables[static_cast<size_t>(s.slot)].type.oid;
    return type == TEXTOID || type == fn_.varchar2_oid;
}

TargetSite Compiler::MakeTarget(const ast::NameChain &name, const ast::SourceLoc &loc, const Scope &scope) {
    Reference ref = LookupReference(fn_, scope, name, true);
    if (ref.slot < 0) {
        TargetSite t;
        if (PackageTarget(name, loc, &t)) return t;
        Error(loc, "\"" + ast::JoinName(name) + "\" is not a known variable");
    }
    const Variable &v = fn_.variables[static_cast<size_t>(ref.slot)];
    if (v.constant) Error(loc, "variable \"" + v.name + "\" is declared CONSTANT");
    if (v.trigger_row == Variable::TriggerRow::Old)
        Error(loc, "ORA-04085: cannot change the value of an OLD reference variable", ERRCODE_SYNTAX_ERROR);
    if (v.trigger_row == Variable::TriggerRow::New) fn_.trigger.assigns_new = true;
    if (v.ReadOnly()) Error(loc, "variable \"" + v.name + "\" is read-only");
    TargetSite t;
    t.slot = ref.slot;
    t.field = ref.field;
    t.record = ref.field.empty() && v.IsRecord();
    t.cast = MakeCast(ref.field.empty() ? v.type : pg::TypeInfo{});
    t.path = ref.path;
    for (size_t i = 0; i <= t.path.size() && !t.path.empty(); ++i) t.path_casts.push_back(MakeCast(pg::TypeInfo{}));
    return t;
}

std::vector<TargetSite> Compiler::MakeTargets(const std::vector<ast::Target> &targets, const Scope &scope) {
    std::vector<TargetSite> out;
    for (const auto &t : targets) {
        if (t.subscript.empty()) {
            out.push_back(MakeTarget(t.name, t.loc, scope));
        } else {
            out.push_back(MakeElementTarget(t, scope));
        }
    }
    for (size_t i = 0; i < out.size() && out.size() > 1; ++i)
        if (out[i].record) Error(targets[i].loc, "a record must be the only INTO target");
    return out;
}

}  // namespace plpolar::compile
