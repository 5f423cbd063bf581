// Values of plpolar's GUCs (defined in settings.cpp).
#pragma once

namespace plpolar::handler {

struct Settings {
    int instance_num = 1;
};

Settings &settings();

}  // namespace plpolar::handler
