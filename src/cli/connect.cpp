#include "plpolar/cli/connect.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "plpolar/cli/commands.hpp"

namespace plpolar::cli {

namespace {

// host[:port][/database] of EZConnect, with or without the leading //.
void AddConnectIdentifier(const std::string &id, Logon &logon) {
    std::string rest = id;
    const bool ezconnect = rest.compare(0, 2, "//") == 0;
    if (ezconnect) rest = rest.substr(2);
    size_t slash = rest.find('/');
    if (!ezconnect && slash == std::string::npos && rest.find(':') == std::string::npos) {
        // A net service name: here the database's name.
        if (rest.empty()) throw std::invalid_argument("a database name is missing after '@'");
        logon.params.emplace_back("dbname", rest);
        return;
    }
    std::string hostport = slash == std::string::npos ? rest : rest.substr(0, slash);
    std::string database = slash == std::string::npos ? std::string() : rest.substr(slash + 1);
    // Oracle's /service:server or /service/instance: the service is the database.
    size_t extra = database.find_first_of(":/");
    if (extra != std::string::npos) database = database.substr(0, extra);
    std::string host = hostport;
    std::string port;
    if (!hostport.empty() && hostport[0] == '[') {  // [IPv6]:port
        size_t close = hostport.find(']');
        if (close == std::string::npos) throw std::invalid_argument("unclosed '[' in the host " + hostport);
        host = hostport.substr(1, close - 1);
        if (close + 1 < hostport.size() && hostport[close + 1] == ':') port = hostport.substr(close + 2);
    } else if (size_t colon = hostport.rfind(':'); colon != std::string::npos) {
        host = hostport.substr(0, colon);
        port = hostport.substr(colon + 1);
    }
    if (host.empty()) throw std::invalid_argument("a host name is missing in " + id);
    if (!port.empty() &&
        !std::all_of(port.begin(), port.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
        throw std::invalid_argument("the port \"" + port + "\" is not a number");
    logon.params.emplace_back("host", host);
    if (!port.empty()) logon.params.emplace_back("port", port);
    if (!database.empty()) logon.params.emplace_back("dbname", database);
}

}  // namespace

Logon ParseLogon(const std::string &written) {
    Logon logon;
    std::string arg = Trim(written);
    if (Upper(arg) == "/NOLOG") {
        logon.nolog = true;
        return logon;
    }
    // key=value ...: a conninfo; scott/pa=ss@db is not one.
    size_t key_end = 0;
    while (key_end < arg.size() && (std::isalnum(static_cast<unsigned char>(arg[key_end])) || arg[key_end] == '_'))
        ++key_end;
    size_t eq = key_end;
    while (eq < arg.size() && arg[eq] == ' ') ++eq;
    const bool conninfo = key_end > 0 && eq < arg.size() && arg[eq] == '=';
    if (arg.compare(0, 13, "postgresql://") == 0 || arg.compare(0, 11, "postgres://") == 0 || conninfo) {
        logon.params.emplace_back("dbname", arg);
        logon.conninfo = true;
        return logon;
    }
    // AS SYSDBA | SYSOPER | SYSASM | SYSBACKUP | ...: Oracle's administrative
    // privileges; here a superuser role is what gives them.
    {
        std::string upper = Upper(arg);
        size_t as = upper.rfind(" AS ");
        if (as != std::string::npos && Upper(Trim(arg.substr(as + 4))).compare(0, 3, "SYS") == 0) {
            logon.note = Trim(arg.substr(as + 1)) + ": no effect (a superuser role has the administrative rights)";
            arg = Trim(arg.substr(0, as));
        }
    }
    // user[/password] before the first '@' outside double quotes.
    size_t at = std::string::npos;
    bool quoted = false;
    for (size_t i = 0; i < arg.size(); ++i) {
        if (arg[i] == '"') quoted = !quoted;
        if (!quoted && arg[i] == '@') {
            at = i;
            break;
        }
    }
    if (quoted) throw std::invalid_argument("unclosed double quote in the logon");
    std::string credentials = at == std::string::npos ? arg : arg.substr(0, at);
    std::string user = credentials;
    std::string password;
    bool has_password = false;
    if (size_t slash = credentials.find('/'); slash != std::string::npos) {
        user = credentials.substr(0, slash);
        password = credentials.substr(slash + 1);
        has_password = true;
        if (password.size() >= 2 && password.front() == '"' && password.back() == '"')
            password = password.substr(1, password.size() - 2);
    }
    if (user.size() >= 2 && user.front() == '"' && user.back() == '"') {
        user = user.substr(1, user.size() - 2);  // case kept, as written
    } else {
        // Oracle folds unquoted names to upper case, PostgreSQL to lower:
        // SCOTT is the role scott.
        for (char &c : user) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (!user.empty()) logon.params.emplace_back("user", user);
    if (has_password && !password.empty()) logon.params.emplace_back("password", password);
    if (at != std::string::npos) AddConnectIdentifier(arg.substr(at + 1), logon);
    return logon;
}

}  // namespace plpolar::cli
